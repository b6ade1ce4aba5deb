import { execFile } from "node:child_process";
import { rig } from "./connect";
import type { RigUserName } from "./users";

/**
 * Runs `doveadm -c <this run's config> <args>` (as root, like the servers). Asynchronous on purpose: rig tests
 * run inside jest's parent process, next to the proxy shim, whose sockets must keep being served.
 */
export function doveadm(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("doveadm", ["-c", rig().dovecotConfig, ...args], { encoding: "utf8" }, (err, stdout, stderr) => {
      if (err) reject(new Error(`doveadm ${args.join(" ")} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

/** doveadm arguments selecting one rig user. */
export function asUser(user: RigUserName): string[] {
  return ["-u", rig().users[user].email];
}

/** `doveadm mailbox status` numbers of one folder, without opening an IMAP session. */
export async function folderStatus(
  user: RigUserName,
  folder: string,
): Promise<{ uidValidity: number; uidNext: number; messages: number }> {
  const out = await doveadm(["-f", "flow", "mailbox", "status", ...asUser(user), "uidvalidity uidnext messages", folder]);
  const value = (key: string): number => Number(new RegExp(`\\b${key}=(\\d+)`).exec(out)?.[1] ?? Number.NaN);
  return { uidValidity: value("uidvalidity"), uidNext: value("uidnext"), messages: value("messages") };
}
