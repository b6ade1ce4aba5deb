import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../../helpers/temp-site";
import { errorOutput, jsonOf, runCli } from "../../cli/run-cli";
import { API_KEY, API_SECRET, type RemoteHarness, startHarness } from "./support/remote-harness";

/** The CLI with `--site <url>` (or FRAPPE_URL): the same commands, on a Frappe site over REST. */
let h: RemoteHarness;
let work: ReturnType<typeof tempDir>;
beforeEach(async () => {
  h = await startHarness();
  work = tempDir("fea-remote-cli-");
});
afterEach(async () => {
  await h.stop();
  work.cleanup();
});

const credentials = { FRAPPE_API_KEY: API_KEY, FRAPPE_API_SECRET: API_SECRET };

test("seed then status against --site <url>, credentials from the environment", async () => {
  const seeded = await runCli(["--site", h.url, "seed", "--domain", "acme.test", "--json"], { cwd: work.dir, env: credentials });
  expect(errorOutput(seeded)).toBe("");
  expect(seeded.code).toBe(0);
  expect(await h.local.exists("Email Domain", "acme.test")).toBe(true);
  const status = await runCli(["--site", h.url, "status", "--json"], { cwd: work.dir, env: credentials });
  expect(status.code).toBe(0);
  expect(jsonOf(status)).toMatchObject({ site: h.url });
  expect(fs.readdirSync(work.dir)).toEqual([]);
});

test("FRAPPE_URL names the site when --site is absent; credentials may come from a private file", async () => {
  const file = path.join(work.dir, "credentials.json");
  fs.writeFileSync(file, JSON.stringify({ sites: { [h.url]: { api_key: API_KEY, api_secret: API_SECRET } } }), { mode: 0o600 });
  await h.local.insert({ doctype: "ToDo", description: "remote todo" });
  const listed = await runCli(["list", "ToDo", "--fields", "description", "--json"], { cwd: work.dir, env: { FRAPPE_URL: h.url, FEA_CREDENTIALS_FILE: file } });
  expect(errorOutput(listed)).toBe("");
  expect(jsonOf(listed)).toEqual([expect.objectContaining({ description: "remote todo" })]);
});

test("a group-readable credentials file is refused with FEA_CONFIG", async () => {
  const file = path.join(work.dir, "credentials.json");
  fs.writeFileSync(file, JSON.stringify({ api_key: API_KEY, api_secret: API_SECRET }), { mode: 0o640 });
  fs.chmodSync(file, 0o640);
  const run = await runCli(["--site", h.url, "status"], { cwd: work.dir, env: { FEA_CREDENTIALS_FILE: file } });
  expect(run.code).toBe(1);
  expect(errorOutput(run)).toContain("ConfigError");
  expect(errorOutput(run)).toContain("is readable by others");
  expect(run.stderr).not.toContain(API_SECRET);
});

test("insert of several records lands whole or not at all on a remote site too", async () => {
  const file = path.join(work.dir, "records.json");
  fs.writeFileSync(
    file,
    JSON.stringify([
      { doctype: "Email Domain", domain_name: "acme.test", email_server: "imap.acme.test", smtp_server: "smtp.acme.test" },
      { doctype: "Email Account", email_account_name: "Broken" },
    ]),
  );
  const run = await runCli(["--site", h.url, "insert", file], { cwd: work.dir, env: credentials });
  expect(run.code).toBe(1);
  expect(errorOutput(run)).toContain("Error: Value missing for Email Account: Email Address");
  expect(await h.local.exists("Email Domain", "acme.test")).toBe(false);
});

test("validate is refused on a remote site with a clear message", async () => {
  const file = path.join(work.dir, "records.json");
  fs.writeFileSync(file, JSON.stringify({ doctype: "ToDo", description: "x" }));
  const run = await runCli(["--site", h.url, "validate", file], { cwd: work.dir, env: credentials });
  expect(run.code).toBe(1);
  expect(errorOutput(run)).toMatch(/ConfigError: .*validate against a local site file/);
});

test("a wrong secret is an AuthenticationError on stderr, without the secret", async () => {
  const run = await runCli(["--site", h.url, "status"], { cwd: work.dir, env: { FRAPPE_API_KEY: API_KEY, FRAPPE_API_SECRET: `${API_SECRET}x` } });
  expect(run.code).toBe(1);
  expect(errorOutput(run)).toMatch(/^error: AuthenticationError: Authentication failed: the site refused the API key and secret/);
  expect(run.stderr).not.toContain(API_SECRET);
});
