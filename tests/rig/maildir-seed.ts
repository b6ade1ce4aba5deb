import fs from "node:fs";
import path from "node:path";
import { rig } from "./connect";
import { asUser, doveadm } from "./doveadm";
import { createFolder } from "./mailbox";
import { MAIL_UID, RIG_DOMAIN } from "./users";
import type { RigUserName } from "./users";

/** IMAP system flags as maildir info letters (maildir wants them in ASCII order). */
const FLAG_LETTERS: Record<string, string> = { "\\Draft": "D", "\\Flagged": "F", "\\Answered": "R", "\\Seen": "S", "\\Deleted": "T" };

let sequence = 0;

/** The maildir folder on disk: Maildir++ layout, `A/B` is `.A.B`. */
export function maildirPath(user: RigUserName, folder: string): string {
  const root = path.join(rig().runDir, "mail", RIG_DOMAIN, user);
  if (folder.toUpperCase() === "INBOX") return root;
  if (folder.includes(".")) throw new Error(`seedMaildir: a folder name with "." (${folder}) has no plain Maildir++ name`);
  return path.join(root, `.${folder.split("/").join(".")}`);
}

/**
 * Puts many messages into a folder fast: writes maildir files straight into `cur/`, gives them to the mail uid
 * and lets `doveadm force-resync` index them (10,000 messages in 1-3 s; APPEND needs about a minute).
 * UIDs follow the order of `raws`. `flags` are IMAP system flags (\Seen, \Flagged, ...); `internalDate` becomes
 * the files' mtime, which Dovecot reports as INTERNALDATE.
 */
export async function seedMaildir(
  user: RigUserName,
  folder: string,
  raws: Array<string | Buffer>,
  options: { flags?: string[]; internalDate?: Date } = {},
): Promise<void> {
  await createFolder(user, folder);
  const cur = path.join(maildirPath(user, folder), "cur");
  // A `cur/` made here must belong to the mail user, or Dovecot can never flag or expunge in it.
  if (!fs.existsSync(cur)) {
    fs.mkdirSync(cur, { recursive: true });
    fs.chownSync(cur, MAIL_UID, MAIL_UID);
  }
  const info = infoLetters(options.flags ?? []);
  const seconds = Math.floor(Date.now() / 1000);
  const batch = ++sequence;
  raws.forEach((raw, index) => {
    const body = typeof raw === "string" ? Buffer.from(raw) : raw;
    // Dovecot orders new files by name: a zero-padded index keeps the caller's order.
    const unique = `${seconds}.M${String(index).padStart(8, "0")}P${process.pid}Q${batch}.mailrig`;
    const file = path.join(cur, `${unique},S=${body.length}:2,${info}`);
    fs.writeFileSync(file, body);
    fs.chownSync(file, MAIL_UID, MAIL_UID);
    if (options.internalDate) fs.utimesSync(file, options.internalDate, options.internalDate);
  });
  await doveadm(["force-resync", ...asUser(user), folder]);
}

function infoLetters(flags: string[]): string {
  return flags
    .map((flag) => {
      const letter = FLAG_LETTERS[flag];
      if (!letter) throw new Error(`seedMaildir: flag ${flag} has no maildir letter (use appendMessage for keywords)`);
      return letter;
    })
    .sort()
    .join("");
}
