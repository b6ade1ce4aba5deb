import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../../helpers/temp-site";
import { errorOutput, jsonOf, runCli } from "../run-cli";

/** `doctor` without servers: its arguments, an empty site, a disabled account. The checks themselves run in doctor.rig.test.ts. */

describe("doctor (no servers needed)", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());

  test("a site without accounts says how to seed, exit 0", async () => {
    const run = await runCli(["doctor"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Site: ${path.join(temp.dir, "frappe-email-account.sqlite")}\nNo Email Accounts to check: run \`frappe-email-account seed --domain <your domain>\`.\n`);
    expect(jsonOf(await runCli(["doctor", "--json"], { cwd: temp.dir }))).toEqual({ site: path.join(temp.dir, "frappe-email-account.sqlite"), ok: true, accounts: [] });
  });

  test("an account with incoming and outgoing off is reported as skipped, not failed", async () => {
    fs.writeFileSync(path.join(temp.dir, "off.json"), JSON.stringify({ doctype: "Email Account", email_id: "old@acme.test", awaiting_password: 1 }));
    expect((await runCli(["insert", "off.json"], { cwd: temp.dir })).code).toBe(0);
    const run = await runCli(["doctor", "--json"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({
      ok: true,
      accounts: [{ account: "Old", email_id: "old@acme.test", ok: true, checks: [{ id: "account", title: "account", status: "skipped", detail: "incoming and outgoing are both disabled" }] }],
    });
    const human = await runCli(["doctor", "Old"], { cwd: temp.dir });
    expect(human.stdout.split("\n").slice(2)).toEqual([
      "Old <old@acme.test>: ok",
      "  skip  account: incoming and outgoing are both disabled",
      "",
      "doctor: 1 account checked, no failures",
      "",
    ]);
  });

  test("an unknown account is DoesNotExistError, exit 1", async () => {
    const run = await runCli(["doctor", "Nobody"], { cwd: temp.dir });
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(errorOutput(run)).toBe("error: DoesNotExistError: Email Account Nobody not found\n");
  });

  test("--timeout takes seconds above 0", async () => {
    for (const value of ["0", "-1", "soon", "601"]) {
      const run = await runCli(["doctor", "--timeout", value], { cwd: temp.dir });
      expect([value, run.code]).toEqual([value, 1]);
      expect(errorOutput(run)).toMatch(/^error: InputError: .*--timeout must be a number of seconds above 0 and at most 600/);
    }
  });
});
