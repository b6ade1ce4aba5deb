import fs from "node:fs";

/** True while the process exists and is not a zombie (a container's PID 1 may never reap daemons). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists, it just is not ours to signal.
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const state = procStat(pid)?.state;
  return state !== undefined && state !== "Z" && state !== "X";
}

/** The kernel's start time of a process (clock ticks since boot), to tell a live owner from a reused pid. */
export function startTimeOf(pid: number): string | undefined {
  return procStat(pid)?.startTime;
}

function procStat(pid: number): { state: string; processGroup: number; startTime: string } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", processGroup: Number(fields[2]), startTime: fields[19] ?? "" };
  } catch {
    return undefined;
  }
}

export function readPidFile(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * SIGTERM, wait up to graceMs for the exit, then SIGKILL and wait again. Resolves once the pid is gone. A daemon
 * master that leads its process group (Dovecot, Postfix) is signalled with its whole group: Dovecot's master
 * alone waits about a second for its children, which all stop at once when they get the signal too.
 */
export async function stopPid(pid: number, graceMs: number): Promise<"exited" | "killed"> {
  const target = procStat(pid)?.processGroup === pid ? -pid : pid;
  if (!signal(target, "SIGTERM")) return "exited";
  if (await waitForExit(pid, graceMs)) return "exited";
  signal(target, "SIGKILL");
  if (await waitForExit(pid, 5000)) return "killed";
  throw new Error(`process ${pid} survived SIGKILL`);
}

/** Synchronous SIGKILL (with the group of a group leader), for a process 'exit' handler. */
export function killNow(pid: number): void {
  if (isAlive(pid)) signal(procStat(pid)?.processGroup === pid ? -pid : pid, "SIGKILL");
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
