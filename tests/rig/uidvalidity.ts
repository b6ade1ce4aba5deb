import fs from "node:fs";
import path from "node:path";
import { asUser, doveadm, folderStatus } from "./doveadm";
import { maildirPath } from "./maildir-seed";
import type { RigUserName } from "./users";

/**
 * Gives a folder a new UIDVALIDITY, as a server does after rebuilding a mailbox. By default only the number
 * changes (`doveadm mailbox update --uid-validity`) and the UIDs stay; with `renumber`, Dovecot's UID list and
 * indexes are thrown away and rebuilt, so the messages also get new UIDs from 1 (what a real index loss looks
 * like). Call it while no IMAP session has the folder open. Returns the value before and after.
 */
export async function changeUidValidity(
  user: RigUserName,
  folder: string,
  options: { renumber?: boolean } = {},
): Promise<{ before: number; after: number }> {
  const before = (await folderStatus(user, folder)).uidValidity;
  if (options.renumber) {
    const dir = maildirPath(user, folder);
    for (const name of fs.readdirSync(dir)) {
      if (name === "dovecot-uidlist" || name.startsWith("dovecot.index")) fs.rmSync(path.join(dir, name));
    }
    await doveadm(["force-resync", ...asUser(user), folder]);
  } else {
    const next = before >= 0xffffffff ? 1 : before + 1;
    await doveadm(["mailbox", "update", ...asUser(user), "--uid-validity", String(next), folder]);
  }
  const after = (await folderStatus(user, folder)).uidValidity;
  if (after === before) throw new Error(`UIDVALIDITY of ${folder} did not change (${before})`);
  return { before, after };
}
