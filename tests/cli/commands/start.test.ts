import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../../helpers/temp-site";
import { jsonOf, runCli, snapshot } from "../run-cli";

describe("start", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());
  const siteFile = () => path.join(temp.dir, "frappe-email-account.sqlite");

  test("in an empty folder it creates the site, seeds example.com and prints the status table", async () => {
    const run = await runCli(["start"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    expect(fs.existsSync(siteFile())).toBe(true);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("First run: seeded example.com (created 5 records).");
    expect(lines[1]).toBe(`Site: ${siteFile()}`);
    expect(lines[2]).toMatch(/^Name\s+Email\s+Incoming\s+Outgoing\s+Append To\s+State\s+Reason$/);
    expect(lines.slice(4).map((line) => line.split(/\s{2,}/).slice(0, 2))).toEqual([
      ["Info", "info@example.com"],
      ["Lead", "lead@example.com"],
      ["Sales", "sales@example.com"],
      ["Support", "support@example.com"],
    ]);
    expect(lines.slice(4).every((line) => line.includes("awaiting password: run `frappe-email-account set-password"))).toBe(true);
    expect(run.stderr).toBe("");
  });

  test("the domain comes from --domain, else env FEA_DOMAIN", async () => {
    const fromEnv = await runCli(["start", "--json"], { cwd: temp.dir, env: { FEA_DOMAIN: "acme.test" } });
    expect(jsonOf(fromEnv)).toMatchObject({ seeded: { domain: "acme.test", created: 5 } });
    const other = tempDir();
    try {
      const fromOption = await runCli(["start", "--domain", "beta.test", "--json"], { cwd: other.dir, env: { FEA_DOMAIN: "acme.test" } });
      expect(jsonOf(fromOption)).toMatchObject({ seeded: { domain: "beta.test" } });
    } finally {
      other.cleanup();
    }
  });

  test("later runs do not seed again and change nothing", async () => {
    await runCli(["start"], { cwd: temp.dir });
    const before = await snapshot(siteFile());
    const run = await runCli(["start", "--domain", "other.test"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/First run/);
    expect(run.stdout).toMatch(/^Support\s+support@example.com/m);
    expect(await snapshot(siteFile())).toEqual(before);
  });

  test("a site that already has an account is not seeded", async () => {
    fs.writeFileSync(path.join(temp.dir, "own.json"), JSON.stringify({ doctype: "Email Account", email_id: "me@own.test", awaiting_password: 1, enable_outgoing: 1 }));
    expect((await runCli(["insert", "own.json"], { cwd: temp.dir })).code).toBe(0);
    const run = await runCli(["start", "--json"], { cwd: temp.dir });
    const body = jsonOf(run) as { seeded: unknown; accounts: Array<{ name: string }> };
    expect(body.seeded).toBeNull();
    expect(body.accounts.map((a) => a.name)).toEqual(["Me"]);
  });

  test("--json gives the site, the seed report and the accounts", async () => {
    const body = jsonOf(await runCli(["start", "--json"], { cwd: temp.dir })) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["site", "seeded", "accounts"]);
    expect(body.site).toBe(siteFile());
    expect((body.accounts as Array<{ state: string }>).map((a) => a.state)).toEqual(["awaiting password", "awaiting password", "awaiting password", "awaiting password"]);
  });

  test("an invalid FEA_DOMAIN fails in one line and stores nothing", async () => {
    const run = await runCli(["start"], { cwd: temp.dir, env: { FEA_DOMAIN: "not a domain" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: InputError: "not a domain" is not a valid domain name: .*\n$/);
    expect(await snapshot(siteFile())).toEqual({ "Email Domain": [], "Email Account": [], Issue: [], Lead: [] });
  });
});
