import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../helpers/temp-site";

/** End to end: the real launcher, the compiled CLI, a real process with real pipes. */
const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin", "frappe-email-account.js");
const COMPILED = path.join(ROOT, "dist", "src", "cli", "main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm test` builds before jest; a bare `jest` run builds here when dist/ is missing or older than the sources. */
function ensureBuilt(): void {
  const sources = Math.max(...["src", "controllers", "hooks"].map((dir) => newestSource(path.join(ROOT, dir))));
  if (fs.existsSync(COMPILED) && fs.statSync(COMPILED).mtimeMs >= sources) return;
  spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
  if (!fs.existsSync(COMPILED)) throw new Error(`the build did not produce ${COMPILED}`);
}

function cli(args: string[], cwd: string, input = "") {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: "utf8", env: { ...process.env, FEA_DOMAIN: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("bin/frappe-email-account.js", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => ensureBuilt(), 180_000);
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());

  test("npm start runs the start command", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(manifest.scripts.start).toBe("node bin/frappe-email-account.js start");
  });

  test("start in an empty folder seeds and prints the table, exit 0", () => {
    const run = cli(["start"], temp.dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^First run: seeded example.com/);
    expect(run.stdout).toMatch(/^Support\s+support@example.com\s+on\s+on\s+INBOX -> Issue\s+awaiting password/m);
    expect(fs.existsSync(path.join(temp.dir, "frappe-email-account.sqlite"))).toBe(true);
  });

  test("set-password reads the piped password, never echoes it, and the files do not hold it in clear", () => {
    const secret = "Harbor-Comet-5150";
    cli(["start"], temp.dir);
    const run = cli(["set-password", "Support", "--no-connect"], temp.dir, `${secret}\n`);
    expect(run).toEqual({ code: 0, stdout: "password set for Email Account Support\n", stderr: "" });
    const status = cli(["status"], temp.dir);
    expect(status.stdout).toMatch(/^Support\s+support@example.com\s+on\s+on\s+INBOX -> Issue\s+ready$/m);
    for (const output of [run.stdout, run.stderr, status.stdout]) expect(output).not.toContain(secret);
    for (const file of fs.readdirSync(temp.dir)) expect(fs.readFileSync(path.join(temp.dir, file)).includes(Buffer.from(secret))).toBe(false);
  });

  // In a real process (one realm): in-process jest runs can see better-sqlite3's error from another realm.
  test("a duplicate name fails with Frappe's DuplicateEntryError, as one JSON object with --json", () => {
    cli(["start"], temp.dir);
    fs.writeFileSync(path.join(temp.dir, "dup.json"), JSON.stringify({ doctype: "Email Account", email_id: "info2@example.com", email_account_name: "Info", awaiting_password: 1 }));
    const run = cli(["insert", "dup.json", "--json"], temp.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(JSON.parse(run.stderr)).toMatchObject({ exc_type: "DuplicateEntryError", code: "FEA_DUPLICATE", message: "Email Account Info already exists" });
  });

  test("exit codes: --help 0, an unknown command 1 with one error line", () => {
    expect(cli(["--help"], temp.dir).code).toBe(0);
    expect(cli(["frob"], temp.dir)).toEqual({ code: 1, stdout: "", stderr: "error: InputError: unknown command 'frob'\n" });
  });
});
