import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OWNER_FILE } from "./run-dir";
import { RUN_DIR_PREFIX } from "./run-info";
import { isAlive, startTimeOf, stopPid } from "./process-control";

/** A run folder without owner.json younger than this may be a run that is being set up right now. */
const SETUP_GRACE_MS = 60_000;

/**
 * Stops the servers of earlier runs whose jest process is gone (killed, crashed, Ctrl-C before teardown) and
 * removes their folders. Runs that are still alive (another jest on the same machine) are left alone.
 * Returns the folders cleaned up.
 */
export async function stopLeftoverRuns(tmp = os.tmpdir()): Promise<string[]> {
  const stale = fs
    .readdirSync(tmp)
    .filter((name) => name.startsWith(RUN_DIR_PREFIX))
    .map((name) => path.join(tmp, name))
    .filter((dir) => !ownerIsAlive(dir));
  if (stale.length === 0) return [];
  await Promise.all(processesOf(stale).map((pid) => stopPid(pid, 5000)));
  for (const dir of stale) fs.rmSync(dir, { recursive: true, force: true });
  return stale;
}

function ownerIsAlive(dir: string): boolean {
  try {
    const owner = JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), "utf8")) as { pid: number; startTime?: string };
    return isAlive(owner.pid) && startTimeOf(owner.pid) === owner.startTime;
  } catch {
    try {
      return Date.now() - fs.statSync(dir).mtimeMs < SETUP_GRACE_MS;
    } catch {
      return false;
    }
  }
}

/**
 * Live processes that belong to one of the folders: Postfix's daemons work inside the spool and Dovecot's inside
 * its base_dir (their cwd), Dovecot's master names the config on its command line, and its children carry the
 * instance name (the folder's basename).
 */
function processesOf(dirs: string[]): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || !isAlive(pid)) continue;
    const cwd = safeRead(() => fs.readlinkSync(`/proc/${pid}/cwd`));
    const cmdline = safeRead(() => fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "));
    const belongs = dirs.some(
      (dir) => cwd === dir || cwd.startsWith(`${dir}/`) || cmdline.includes(`${dir}/`) || cmdline.includes(`dovecot-${path.basename(dir)}/`),
    );
    if (belongs) found.push(pid);
  }
  return found;
}

function safeRead(read: () => string): string {
  try {
    return read();
  } catch {
    return "";
  }
}
