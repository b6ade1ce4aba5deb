import Database from "better-sqlite3";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openLocalSite } from "../../../src/open-site";
import { PullSite, plainMail, plainMails } from "../../mail/imap/pull-rig-fixture";
import { appendMessage, resetMailbox, rig, seedMaildir } from "../../rig";
import { jsonOf, runCli } from "../run-cli";

// Real servers and real processes: more than jest's default 5 s per test.
jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, "../../..");
const BIN = path.join(ROOT, "bin", "frappe-email-account.js");
const COMPILED = path.join(ROOT, "dist", "src", "cli", "main.js");

/** The child processes run the compiled CLI: build it (as `npm test` does) when missing or older than the sources. */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return Math.max(max, newest(full));
      return entry.name.endsWith(".ts") ? Math.max(max, fs.statSync(full).mtimeMs) : max;
    }, 0);
  const sources = Math.max(...["src", "controllers", "hooks"].map((dir) => newest(path.join(ROOT, dir))));
  if (fs.existsSync(COMPILED) && fs.statSync(COMPILED).mtimeMs >= sources) return;
  spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
  if (!fs.existsSync(COMPILED)) throw new Error(`the build did not produce ${COMPILED}`);
}

interface Child {
  process: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startSync(file: string, args: string[]): Child {
  const child = spawn(process.execPath, [BIN, "sync", "--site", file, "--ca-file", rig().caCert, ...args], { cwd: path.dirname(file), stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { process: child, stderr: () => stderr, exit };
}

/** Reads the site file the way a second program would, while the sync process writes it. */
function messageIds(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT "message_id" FROM "tabCommunication"`).all() as Array<{ message_id: string }>).map((row) => row.message_id);
  } finally {
    db.close();
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

describe("sync (rig)", () => {
  let ps: PullSite;
  beforeAll(() => ensureBuilt(), 180_000);
  beforeEach(async () => {
    await Promise.all([resetMailbox("bench"), resetMailbox("support")]);
    ps = new PullSite();
  });
  afterEach(() => ps.close());

  test("--once pulls every eligible account, reports the others, and prints what each folder got", async () => {
    await seedMaildir("bench", "INBOX", plainMails("once-bench", 3));
    await seedMaildir("support", "INBOX", plainMails("once-support", 2));
    await ps.addAccount("bench");
    await ps.addAccount("support");
    await ps.site.insert(
      { doctype: "Email Account", email_id: "later@example.test", awaiting_password: 1, enable_incoming: 1, use_imap: 1, email_server: "127.0.0.1", imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX" }] },
      { noConnect: true },
    );
    await ps.site.close();

    const run = await runCli(["sync", "--once", "--site", ps.temp.file, "--ca-file", rig().caCert], { cwd: ps.temp.dir });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Bench\s+INBOX\s+first-sync\s+3\s+3\s+0\s+0\s+0\s+0\s+\d+\s*$/m);
    expect(run.stdout).toMatch(/^Later\s+not pulled: awaiting password$/m);
    expect(run.stdout).toMatch(/^Support\s+INBOX\s+first-sync\s+2\s+2\s/m);
    const again = jsonOf(await runCli(["sync", "--once", "--json", "--account", "Bench", "--site", ps.temp.file, "--ca-file", rig().caCert], { cwd: ps.temp.dir })) as {
      accounts: Array<{ account: string; folders: Array<{ fetched: number; mode: string }> }>;
    };
    expect(again.accounts).toEqual([expect.objectContaining({ account: "Bench", folders: [expect.objectContaining({ mode: "incremental", fetched: 0 })] })]);
    expect(run.stderr).not.toContain(rig().users.bench.password);
  });

  test("--once with an account whose login is refused: the error in the table, exit 1, the password in no output", async () => {
    await seedMaildir("support", "INBOX", plainMails("refused", 1));
    const account = await ps.addAccount("support");
    await ps.site.save({ doctype: "Email Account", name: account, password: "Not-The-Password-93" }, { noConnect: true });
    await ps.site.close();

    const run = await runCli(["sync", "--once", "--site", ps.temp.file, "--ca-file", rig().caCert], { cwd: ps.temp.dir });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Support\s+Error while connecting to email account Support: .*AUTHENTICATIONFAILED/m);
    expect(run.stdout + run.stderr).not.toContain("Not-The-Password-93");
  });

  test("killed (SIGKILL) in the middle of a pull, then run again: every mail is stored exactly once", async () => {
    const count = 400;
    await seedMaildir("bench", "INBOX", plainMails("kill", count));
    await ps.addAccount("bench", { initialSyncCount: 500 });
    await ps.site.close();

    const first = startSync(ps.temp.file, ["--once"]);
    await waitFor(() => fs.existsSync(ps.temp.file) && messageIds(ps.temp.file).length >= 40, 60_000, "the first Communications");
    first.process.kill("SIGKILL");
    expect((await first.exit).signal).toBe("SIGKILL");
    const beforeRerun = messageIds(ps.temp.file).length;
    expect(beforeRerun).toBeLessThan(count);

    const second = startSync(ps.temp.file, ["--once"]);
    expect((await second.exit).code).toBe(0);

    const ids = messageIds(ps.temp.file);
    expect(ids).toHaveLength(count);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: count }, (_unused, i) => `kill-${i + 1}@outside.test`)));
    expect(first.stderr() + second.stderr()).not.toContain(rig().users.bench.password);
  });

  test("running continuously: a new mail becomes a Communication within seconds (IDLE); SIGTERM stops it cleanly with exit 0", async () => {
    await seedMaildir("bench", "INBOX", plainMails("idle-old", 2));
    await ps.addAccount("bench");
    await ps.site.close();

    // Polls only hourly: whatever comes within seconds came through IDLE.
    const sync = startSync(ps.temp.file, ["--interval", "3600"]);
    try {
      await waitFor(() => sync.stderr().includes("watching for new mail (IDLE)") && messageIds(ps.temp.file).length === 2, 30_000, "the first pull and the IDLE watcher");
      await appendMessage("bench", "INBOX", plainMail("idle-new"));
      const waited = await waitFor(() => messageIds(ps.temp.file).includes("idle-new@outside.test"), 10_000, "the new mail's Communication");
      expect(waited).toBeLessThan(5000);
    } finally {
      sync.process.kill("SIGTERM");
    }
    expect(await sync.exit).toEqual({ code: 0, signal: null });
    expect(sync.stderr()).toContain("stopping: finishing the mail in hand, then closing the connections");
    expect(sync.stderr()).not.toMatch(/^error:/m);
    expect(sync.stderr()).not.toContain(rig().users.bench.password);
    const site = openLocalSite({ file: ps.temp.file });
    expect(await site.count("Communication")).toBe(3);
    await site.close();
  });
});
