import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../../helpers/temp-site";
import { jsonOf, runCli, stdinWith } from "../run-cli";

describe("status", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());

  test("a site without accounts says how to seed", async () => {
    const run = await runCli(["status"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No Email Accounts yet: run `frappe-email-account seed --domain <your domain>`/);
  });

  test("the table shows incoming/outgoing with default markers, where mail lands, the state and the reason", async () => {
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
    await runCli(["set-password", "Support", "--no-connect"], { cwd: temp.dir, stdin: stdinWith("pw-support\n") });
    fs.writeFileSync(path.join(temp.dir, "off.json"), JSON.stringify({ doctype: "Email Account", email_id: "old@acme.test", awaiting_password: 1 }));
    await runCli(["insert", "off.json"], { cwd: temp.dir });

    const run = await runCli(["status"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    const rows = run.stdout.trimEnd().split("\n").slice(3).map((line) => line.split(/\s{2,}/));
    expect(rows).toEqual([
      ["Info", "info@acme.test", "off", "on (default)", "awaiting password", "awaiting password: run `frappe-email-account set-password Info`"],
      ["Lead", "lead@acme.test", "on", "off", "INBOX -> Lead", "awaiting password", "awaiting password: run `frappe-email-account set-password Lead`"],
      ["Old", "old@acme.test", "off", "off", "disabled", "incoming and outgoing disabled"],
      ["Sales", "sales@acme.test", "off", "on", "awaiting password", "awaiting password: run `frappe-email-account set-password Sales`"],
      ["Support", "support@acme.test", "on", "on", "INBOX -> Issue", "ready"],
    ]);
  });

  test("--json lists each account's status", async () => {
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
    const body = jsonOf(await runCli(["status", "--json"], { cwd: temp.dir })) as { site: string; accounts: unknown[] };
    expect(body.site).toBe(path.join(temp.dir, "frappe-email-account.sqlite"));
    expect(body.accounts).toContainEqual({
      name: "Info",
      email_id: "info@acme.test",
      incoming: false,
      default_incoming: false,
      outgoing: true,
      default_outgoing: true,
      append_to: [],
      state: "awaiting password",
      reason: "awaiting password: run `frappe-email-account set-password Info`",
    });
  });
});
