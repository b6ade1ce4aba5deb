import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { readPidFile } from "./process-control";

const POSTFIX_MASTER = "/usr/lib/postfix/sbin/master";

/** Where each daemon writes its pid once it has forked into the background. */
export function dovecotPidFile(runDir: string): string {
  return path.join(runDir, "dovecot", "run", "master.pid");
}
export function postfixPidFile(runDir: string): string {
  return path.join(runDir, "postfix", "spool", "pid", "master.pid");
}

/**
 * `dovecot -c` checks the config, daemonizes and exits; returns the master's pid. Its output goes to a file, not a
 * pipe: a daemon that kept the pipe open would make the synchronous spawn wait forever.
 */
export async function startDovecot(runDir: string): Promise<number> {
  const outFile = path.join(runDir, "log", "dovecot-start.out");
  const out = fs.openSync(outFile, "a");
  const result = spawnSync("dovecot", ["-c", path.join(runDir, "dovecot.conf")], { stdio: ["ignore", out, out], timeout: 60_000 });
  fs.closeSync(out);
  if (result.error) throw new Error(`could not run dovecot: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`dovecot exited ${result.status}: ${fs.readFileSync(outFile, "utf8")}${logTail(runDir, "dovecot")}`);
  return waitForPidFile(dovecotPidFile(runDir), "dovecot", runDir);
}

/**
 * Starts Postfix's master directly, in its own session, instead of `postfix start`: that wrapper's integrity
 * check and `master -w` handshake cost about 2 s per run, and the folders it would create exist already
 * (postfix-spool.ts). If the master dies during start-up, `postfix check` says why.
 */
export async function startPostfix(runDir: string): Promise<number> {
  const confDir = path.join(runDir, "postfix", "conf");
  const out = fs.openSync(path.join(runDir, "log", "postfix-start.out"), "a");
  const master = spawn(POSTFIX_MASTER, ["-c", confDir], { detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  master.unref();
  let exit: number | null | undefined;
  master.once("exit", (code) => (exit = code));
  master.once("error", () => (exit = null));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (exit !== undefined) throw new Error(`postfix master exited ${exit} during start-up: ${postfixCheck(confDir)}${logTail(runDir, "postfix")}`);
    if (readPidFile(postfixPidFile(runDir)) === master.pid && master.pid !== undefined) return master.pid;
    if (Date.now() > deadline) throw new Error(`postfix master wrote no pid in 10 s${logTail(runDir, "postfix")}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * `postfix check`'s complaints. Postfix prints nothing when stderr is not a tty (errors go to syslog, which a
 * container lacks), so it runs under `script`, which gives it a pseudo-terminal.
 */
function postfixCheck(confDir: string): string {
  const check = spawnSync("script", ["-qc", `postfix -c '${confDir}' check`, "/dev/null"], { encoding: "utf8" });
  return check.stdout.trim() || "(postfix check found nothing)";
}

async function waitForPidFile(file: string, name: string, runDir: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const pid = readPidFile(file);
    if (pid) return pid;
    if (Date.now() > deadline) throw new Error(`${name} started but wrote no pid to ${file}${logTail(runDir, name)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The last lines of a server's log, to put into an error message. */
export function logTail(runDir: string, name: string, lines = 30): string {
  const file = path.join(runDir, "log", `${name}.log`);
  if (!fs.existsSync(file)) return `\n(${file} does not exist)`;
  const text = fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  return `\n--- last lines of ${file} ---\n${text}`;
}
