import { tempDir } from "../../helpers/temp-site";
import { errorOutput, jsonOf, runCli } from "../run-cli";

describe("sync (no mail server needed)", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());

  test("--once on a site without accounts says so and exits 0", async () => {
    const run = await runCli(["sync", "--once"], { cwd: temp.dir });
    expect(run).toMatchObject({ code: 0, stdout: "No Email Accounts to pull.\n" });
  });

  test("--once reports every account that is not pulled, with the reason", async () => {
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });

    const run = await runCli(["sync", "--once", "--json"], { cwd: temp.dir });

    expect(run.code).toBe(0);
    const body = jsonOf(run) as { accounts: Array<{ account: string; skipped?: string; folders: unknown[] }> };
    expect(body.accounts.map((a) => [a.account, a.skipped])).toEqual([
      ["Info", "incoming is disabled"],
      ["Lead", "awaiting password"],
      ["Sales", "incoming is disabled"],
      ["Support", "awaiting password"],
    ]);
    const table = await runCli(["sync", "--once"], { cwd: temp.dir });
    expect(table.stdout).toMatch(/^Support\s+not pulled: awaiting password$/m);
  });

  test("--account names an account that does not exist: exit 1 with Frappe's message", async () => {
    const run = await runCli(["sync", "--once", "--account", "Nope"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(errorOutput(run)).toBe("error: DoesNotExistError: Email Account Nope not found\n");
  });

  test("--interval must be a whole number of seconds, at least 1", async () => {
    expect(errorOutput(await runCli(["sync", "--interval", "0"], { cwd: temp.dir }))).toBe('error: InputError: --interval must be at least 1 second, got "0"\n');
    expect(errorOutput(await runCli(["sync", "--interval", "soon"], { cwd: temp.dir }))).toMatch(/--interval must be a whole number >= 0, got "soon"/);
  });
});
