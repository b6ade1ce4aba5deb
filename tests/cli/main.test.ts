import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../helpers/temp-site";
import { runCli } from "./run-cli";

const COMMANDS = ["start", "status", "seed", "validate", "list", "get", "insert", "delete", "set-password"];

describe("main", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());

  test("--help lists every command and the global options, exit 0", async () => {
    const run = await runCli(["--help"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    expect(run.stdout).toMatch(/--site <path\|url>/);
    expect(run.stdout).toMatch(/--json/);
    expect(run.stdout).toMatch(/--hooks <file>/);
    expect(run.stderr).toBe("");
  });

  test.each(COMMANDS)("%s --help shows its usage and the global options, exit 0, no site opened", async (command) => {
    const run = await runCli([command, "--help"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: frappe-email-account ${command}\\b`));
    expect(run.stdout).toMatch(/Global Options:[\s\S]*--site/);
    expect(fs.readdirSync(temp.dir)).toEqual([]);
  });

  test("no command prints the help on stderr and exits 1", async () => {
    const run = await runCli([], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Usage: frappe-email-account/);
  });

  test.each([
    [["frob"], "error: InputError: unknown command 'frob'"],
    [["status", "--frob"], "error: InputError: unknown option '--frob'"],
    [["get", "Email Account"], "error: InputError: missing required argument 'name'"],
    [["seed"], "error: InputError: required option '--domain <domain>' not specified"],
    [["list", "Email Account", "--limit", "x"], 'error: InputError: --limit must be a whole number >= 0, got "x"'],
    [["seed", "--domain", "acme.test", "--imap-tls", "tls"], 'error: InputError: --imap-tls must be one of ssl, starttls, none, got "tls"'],
  ])("usage errors are one line on stderr, exit 1: %j", async (args, line) => {
    const run = await runCli(args, { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`${line}\n`);
  });

  test("with --json an error is one JSON object on stderr", async () => {
    const run = await runCli(["get", "Email Account", "Nope", "--json"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(run.stderr)).toEqual({ exc_type: "DoesNotExistError", code: "FEA_NOT_FOUND", message: "Email Account Nope not found" });
    const usage = await runCli(["--json", "frob"], { cwd: temp.dir });
    expect(JSON.parse(usage.stderr)).toMatchObject({ exc_type: "InputError", message: "unknown command 'frob'" });
  });

  test("a remote --site without API credentials is a FEA_CONFIG error saying what to set", async () => {
    const env = { FEA_CREDENTIALS_FILE: `${temp.dir}/no-credentials.json` };
    const run = await runCli(["--site", "https://erp.acme.test", "status"], { cwd: temp.dir, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: ConfigError: no API credentials for https:\/\/erp\.acme\.test: set FRAPPE_API_KEY and FRAPPE_API_SECRET/);
    const json = await runCli(["--site", "http://erp.acme.test", "status", "--json"], { cwd: temp.dir, env });
    expect(JSON.parse(json.stderr)).toMatchObject({ exc_type: "ConfigError", code: "FEA_CONFIG" });
  });

  test("--site picks the site file; global options work before and after the command", async () => {
    await runCli(["--site", "one.sqlite", "seed", "--domain", "one.test"], { cwd: temp.dir });
    await runCli(["seed", "--domain", "two.test", "--site", "two.sqlite"], { cwd: temp.dir });
    const one = await runCli(["list", "Email Domain", "--site", "one.sqlite", "--json"], { cwd: temp.dir });
    const two = await runCli(["--json", "--site", path.join(temp.dir, "two.sqlite"), "list", "Email Domain"], { cwd: temp.dir });
    expect(JSON.parse(one.stdout)).toEqual([{ name: "one.test" }]);
    expect(JSON.parse(two.stdout)).toEqual([{ name: "two.test" }]);
    expect(fs.existsSync(path.join(temp.dir, "frappe-email-account.sqlite"))).toBe(false);
  });

  test("errors with HTML from Frappe's messages are shown without tags, on one line", async () => {
    fs.writeFileSync(
      path.join(temp.dir, "imap.json"),
      JSON.stringify({ doctype: "Email Account", email_id: "imap@acme.test", awaiting_password: 1, enable_incoming: 1, use_imap: 1, email_server: "imap.acme.test" }),
    );
    const run = await runCli(["insert", "imap.json"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: ValidationError: You need to set one IMAP folder for imap@acme.test\n");
  });

  test("--hooks registers a developer's doc_events for the command", async () => {
    fs.writeFileSync(
      path.join(temp.dir, "hooks.js"),
      'exports.hooks = { doc_events: { "Email Account": { before_save: (doc) => { doc.footer = "set by a hook"; } } } };',
    );
    fs.writeFileSync(path.join(temp.dir, "a.json"), JSON.stringify({ doctype: "Email Account", email_id: "hooked@acme.test", awaiting_password: 1 }));
    expect((await runCli(["--hooks", "hooks.js", "insert", "a.json"], { cwd: temp.dir })).code).toBe(0);
    const get = await runCli(["get", "Email Account", "Hooked", "--json"], { cwd: temp.dir });
    expect(JSON.parse(get.stdout)).toMatchObject({ footer: "set by a hook" });
  });

  test("a --hooks file that cannot be loaded is a one-line ConfigError", async () => {
    const run = await runCli(["--hooks", "missing.js", "status"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: ConfigError: cannot load hooks from missing.js: Cannot find module [^\n]*\n$/);
  });
});
