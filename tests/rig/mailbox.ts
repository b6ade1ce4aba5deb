import { imapClient } from "./connect";
import { asUser, doveadm } from "./doveadm";
import type { RigUserName } from "./users";

/** Folders every rig user has (Dovecot creates them with `auto = subscribe`); resetMailbox keeps them, empty. */
export const DEFAULT_FOLDERS = ["INBOX", "Drafts", "Sent", "Trash", "Junk"] as const;

export interface StoredMessage {
  uid: number;
  flags: string[];
  raw: Buffer;
}

/** IMAP APPEND (creating the folder if needed); returns the new UID and the folder's UIDVALIDITY. */
export async function appendMessage(
  user: RigUserName,
  folder: string,
  raw: string | Buffer,
  flags: string[] = [],
  internalDate?: Date,
): Promise<{ uid: number; uidValidity: number }> {
  await createFolder(user, folder);
  const client = await imapClient(user);
  try {
    const result = await client.append(folder, raw, flags, internalDate);
    if (!result || result.uid === undefined) throw new Error(`APPEND to ${folder} returned no UID`);
    return { uid: result.uid, uidValidity: Number(result.uidValidity) };
  } finally {
    await client.logout();
  }
}

/** Every message of a folder in UID order, with its flags (\\Recent left out) and raw source. */
export async function listMailbox(user: RigUserName, folder: string): Promise<StoredMessage[]> {
  const client = await imapClient(user);
  try {
    const mailbox = await client.mailboxOpen(folder, { readOnly: true });
    if (mailbox.exists === 0) return [];
    const messages = await client.fetchAll("1:*", { uid: true, flags: true, source: true });
    return messages
      .map((message) => ({ uid: message.uid, flags: storedFlags(message.flags), raw: message.source ?? Buffer.alloc(0) }))
      .sort((a, b) => a.uid - b.uid);
  } finally {
    await client.logout();
  }
}

/** Sorted flags without \\Recent, which only says which session saw the message first. */
function storedFlags(flags: Set<string> | undefined): string[] {
  return [...(flags ?? [])].filter((flag) => flag !== "\\Recent").sort();
}

/** Creates and subscribes a folder (`A/B` for a subfolder); a folder that already exists is fine. */
export async function createFolder(user: RigUserName, folder: string): Promise<void> {
  if (folder.toUpperCase() === "INBOX") return;
  await doveadm(["mailbox", "create", ...asUser(user), "-s", folder]).catch((err: Error) => {
    if (!/already exists/i.test(err.message)) throw err;
  });
}

/**
 * Test isolation: deletes every folder of the user except the default ones and empties those. UIDs keep
 * growing (as on a real server); use changeUidValidity for a fresh numbering.
 */
export async function resetMailbox(user: RigUserName): Promise<void> {
  const folders = (await doveadm(["mailbox", "list", ...asUser(user)])).split("\n").filter(Boolean);
  const extra = folders.filter((name) => !(DEFAULT_FOLDERS as readonly string[]).includes(name));
  // Deepest first; a parent that exists only as a path to its children (Maildir++ `.A.B` without `.A`) is listed
  // but cannot be deleted, and is gone with its last child.
  extra.sort((a, b) => b.split("/").length - a.split("/").length);
  for (const name of extra) {
    await doveadm(["mailbox", "delete", ...asUser(user), "-s", name]).catch((err: Error) => {
      if (!/doesn't exist/i.test(err.message)) throw err;
    });
  }
  await doveadm(["expunge", ...asUser(user), "mailbox", "*", "all"]);
}
