import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { openLocalSite } from "../../../src/open-site";
import { tempDir } from "../../helpers/temp-site";
import { jsonOf, runCli, stdinWith } from "../run-cli";

const SECRET = "Quartz-Lantern-8812";

describe("set-password", () => {
  let temp: ReturnType<typeof tempDir>;
  const siteFile = () => path.join(temp.dir, "frappe-email-account.sqlite");
  beforeEach(async () => {
    temp = tempDir();
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
  });
  afterEach(() => temp.cleanup());

  test("reads one line from stdin, stores it through the lifecycle and clears awaiting_password", async () => {
    const run = await runCli(["set-password", "Support"], { cwd: temp.dir, stdin: stdinWith(`${SECRET}\nignored second line\n`) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("password set for Email Account Support\n");
    const site = openLocalSite({ file: siteFile() });
    try {
      expect(await site.getPassword("Email Account", "Support")).toBe(SECRET);
      expect(await site.get("Email Account", "Support")).toMatchObject({ awaiting_password: 0, password: "*".repeat(SECRET.length) });
    } finally {
      await site.close();
    }
    const status = await runCli(["status", "--json"], { cwd: temp.dir });
    expect((jsonOf(status) as { accounts: Array<{ name: string; state: string }> }).accounts.find((a) => a.name === "Support")?.state).toBe("ready");
  });

  test("never echoes the password to stdout or stderr, and the SQLite file does not hold it in clear", async () => {
    const runs = [
      await runCli(["set-password", "Support", "--verbose"], { cwd: temp.dir, stdin: stdinWith(`${SECRET}\n`) }),
      await runCli(["set-password", "Info", "--json", "--verbose"], { cwd: temp.dir, stdin: stdinWith(`${SECRET}\n`) }),
      await runCli(["get", "Email Account", "Support", "--json"], { cwd: temp.dir }),
      await runCli(["list", "Email Account", "--fields", "*", "--json"], { cwd: temp.dir }),
    ];
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    }
    for (const file of fs.readdirSync(temp.dir)) {
      expect(fs.readFileSync(path.join(temp.dir, file)).includes(Buffer.from(SECRET))).toBe(false);
    }
  });

  test("on a terminal it prompts on stderr and reads without echo", async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, modes: [] as boolean[], setRawMode(mode: boolean) { this.modes.push(mode); } });
    const running = runCli(["set-password", "Sales", "--no-connect"], { cwd: temp.dir, stdin: terminal });
    setTimeout(() => terminal.write(`${SECRET}\r`), 50);
    const run = await running;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("Password for Email Account Sales: \n");
    expect(run.stdout).toBe("password set for Email Account Sales\n");
    expect(terminal.modes).toEqual([true, false]);
  });

  test("--json says the password was set, without the password", async () => {
    const run = await runCli(["set-password", "Lead", "--json", "--no-connect"], { cwd: temp.dir, stdin: stdinWith(`${SECRET}\n`) });
    expect(jsonOf(run)).toEqual({ account: "Lead", password_set: true, messages: [] });
  });

  test("without --no-connect the save runs the connection test (skipped here: no mail engine attached)", async () => {
    const run = await runCli(["set-password", "Support"], { cwd: temp.dir, stdin: stdinWith(`${SECRET}\n`) });
    expect(run.stderr).toMatch(/^warn: connection test skipped \(.*account=Support direction=incoming/m);
    expect(run.stderr).toMatch(/^note: The incoming and outgoing logins of Email Account Support were not tested/m);
    const quiet = await runCli(["set-password", "Sales", "--no-connect"], { cwd: temp.dir, stdin: stdinWith(`${SECRET}\n`) });
    expect(quiet.stderr).toBe("");
  });

  test("an unknown account or an empty password fails in one line and changes nothing", async () => {
    const unknown = await runCli(["set-password", "Nobody"], { cwd: temp.dir, stdin: stdinWith(`${SECRET}\n`) });
    expect(unknown).toEqual({ code: 1, stdout: "", stderr: "error: DoesNotExistError: Email Account Nobody not found\n" });
    const empty = await runCli(["set-password", "Support"], { cwd: temp.dir, stdin: stdinWith("\n") });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^error: InputError: no password given/);
    const site = openLocalSite({ file: siteFile() });
    try {
      expect(await site.get("Email Account", "Support")).toMatchObject({ awaiting_password: 1 });
    } finally {
      await site.close();
    }
  });

  test("the password is never taken from the command line", async () => {
    const run = await runCli(["set-password", "Support", SECRET], { cwd: temp.dir, stdin: stdinWith("") });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: InputError: too many arguments for 'set-password'. Expected 1 argument but got 2.\n");
  });
});
