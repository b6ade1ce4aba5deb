import { errorOutput, jsonOf, runCli } from "../run-cli";
import { arrangeRemote, SUPPORT_PASSWORD } from "../../sync-records/support/remote-records";
import { API_KEY, API_SECRET, startSyncHarness, type SyncHarness } from "../../sync-records/support/sync-harness";

let h: SyncHarness;
beforeEach(async () => {
  h = await startSyncHarness();
  await arrangeRemote(h.served);
});
afterEach(() => h.stop());

const env = { FRAPPE_API_KEY: API_KEY, FRAPPE_API_SECRET: API_SECRET };
const pull = (...args: string[]) => runCli(["--site", h.url, "pull", "--local", h.localFile, ...args], { cwd: h.dir, env });

test("pull copies the site's records into --local and says what it did; a second run finds nothing to do", async () => {
  const first = await pull();
  expect(errorOutput(first)).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/^Email Domain\s+acme\.test\s+acme\.test\s+created/m);
  expect(first.stdout).toMatch(/^Email Account\s+Support\s+Support\s+created/m);
  expect(first.stdout).toContain(`pull ${h.url} -> ${h.localFile}: 7 created, 0 updated, 0 unchanged, 0 conflict, 0 refused, 0 failed\n`);
  expect(await h.local.count("Communication")).toBe(3);
  const second = await pull();
  expect(second.stdout).toBe(`pull ${h.url} -> ${h.localFile}: 0 created, 0 updated, 7 unchanged, 0 conflict, 0 refused, 0 failed\n`);
});

test("--json gives the report; --with-passwords copies the secret without ever printing it", async () => {
  const run = await pull("Email Domain", "Email Account", "--with-passwords", "--json", "--verbose");
  expect(run.code).toBe(0);
  const report = jsonOf(run) as { direction: string; counts: Record<string, number>; records: unknown[] };
  expect(report).toMatchObject({ direction: "pull", remote: h.url, dryRun: false, counts: { created: 3 } });
  expect(run.stdout + run.stderr).not.toContain(SUPPORT_PASSWORD);
  expect(run.stdout + run.stderr).not.toContain(API_SECRET);
  expect(await h.local.getPassword("Email Account", "Support", "password")).toBe(SUPPORT_PASSWORD);
});

test("--account and --dry-run: only Sales with its domain and mail, and nothing written", async () => {
  const run = await pull("--account", "Sales", "--dry-run", "--json");
  const report = jsonOf(run) as { dryRun: boolean; records: Array<{ doctype: string; status: string }> };
  expect(report.dryRun).toBe(true);
  expect(report.records.map((r) => `${r.doctype}:${r.status}`)).toEqual(["Email Domain:created", "Email Account:created", "Communication:created"]);
  expect(await h.local.count("Email Account")).toBe(0);
});

test("a conflict makes the exit code 1 and is shown with its error", async () => {
  await pull();
  await h.local.save({ doctype: "Email Account", name: "Sales", signature: "here" });
  await h.served.save({ doctype: "Email Account", name: "Sales", signature: "there" }, { noConnect: true });
  const run = await pull("Email Account");
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^Email Account\s+Sales\s+Sales\s+conflict\s+TimestampMismatchError: Email Account Sales was changed on /m);
  expect((await pull("Email Account", "--force")).code).toBe(0);
});

test("without --site or FRAPPE_URL there is nothing to pull from; a bad --since or DocType is an input error", async () => {
  const none = await runCli(["pull", "--local", h.localFile], { cwd: h.dir, env });
  expect(none.code).toBe(1);
  expect(errorOutput(none)).toBe("error: ConfigError: pull needs the site to sync with: --site URL (or FRAPPE_URL in the environment)\n");
  const since = await pull("--since", "last week");
  expect(errorOutput(since)).toMatch(/^error: InputError: --since must be a date/);
  const doctype = await pull("ToDo");
  expect(errorOutput(doctype)).toMatch(/^error: InputError: Cannot sync DocType "ToDo"/);
});

test("FRAPPE_URL names the site when --site is absent", async () => {
  const run = await runCli(["pull", "Email Domain", "--local", h.localFile, "--json"], { cwd: h.dir, env: { ...env, FRAPPE_URL: h.url } });
  expect(run.code).toBe(0);
  expect(jsonOf(run)).toMatchObject({ remote: h.url, counts: { created: 1 } });
});

test("the other site may be a site file too; the same file twice is refused", async () => {
  const fromFile = await runCli(["--site", h.served.label, "pull", "Email Domain", "Email Account", "--local", h.localFile, "--json"], { cwd: h.dir, env: {} });
  expect(errorOutput(fromFile)).toBe("");
  expect(jsonOf(fromFile)).toMatchObject({ remote: h.served.label, counts: { created: 3, failed: 0 } });
  const same = await runCli(["--site", h.localFile, "pull", "--local", h.localFile], { cwd: h.dir, env: {} });
  expect(same.code).toBe(1);
  expect(errorOutput(same)).toBe(`error: ConfigError: the site to sync with and the local site are the same file (${h.localFile}); name the other site with --site\n`);
});
