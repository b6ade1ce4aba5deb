import { errorOutput, jsonOf, runCli } from "../run-cli";
import { DOMAIN, SALES } from "../../sync-records/support/remote-records";
import { API_KEY, API_SECRET, startSyncHarness, type SyncHarness } from "../../sync-records/support/sync-harness";

let h: SyncHarness;
beforeEach(async () => (h = await startSyncHarness()));
afterEach(() => h.stop());

const env = { FRAPPE_API_KEY: API_KEY, FRAPPE_API_SECRET: API_SECRET };
const push = (...args: string[]) => runCli(["--site", h.url, "push", "--local", h.localFile, ...args], { cwd: h.dir, env });
const SECRET = "sales-Smtp-Secret-31";

test("push sends the local records, passwords included, and prints neither a password nor the API secret", async () => {
  await h.local.insert(DOMAIN);
  await h.local.insert({ ...SALES, awaiting_password: 0, password: SECRET });
  const run = await push("--verbose");
  expect(errorOutput(run)).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Email Account\s+Sales\s+Sales\s+created/m);
  expect(run.stdout).toContain(`push ${h.localFile} -> ${h.url}: 2 created,`);
  expect(await h.served.getPassword("Email Account", "Sales", "password")).toBe(SECRET);
  const json = await push("--json");
  for (const text of [run.stdout, run.stderr, json.stdout, json.stderr]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(API_SECRET);
  }
  expect(jsonOf(json)).toMatchObject({ direction: "push", counts: { unchanged: 2 } });
});

test("a record the local rules refuse: reported, not sent, exit code 1", async () => {
  await h.local.insert({ doctype: "Email Account", email_account_name: "Sales", email_id: "sales@acme.test", awaiting_password: 1 });
  await h.local.setValue("Email Account", "Sales", { email_id: "sales at acme" });
  const run = await push();
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^Email Account\s+Sales\s+refused\s+InvalidEmailAddressError: sales at acme is not a valid Email Address/m);
  expect(h.requests).toEqual([]);
});

test("--dry-run says what would be sent and sends no write", async () => {
  await h.local.insert(DOMAIN);
  const run = await push("--dry-run");
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("1 created, 0 updated, 0 unchanged, 0 conflict, 0 refused, 0 failed (dry run: nothing was written)");
  expect(h.writes()).toEqual([]);
  expect(await h.served.exists("Email Domain", "acme.test")).toBe(false);
});
