import type { ImapFlow, MailboxObject } from "imapflow";
import type { Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { type FolderCursor, forgetFolderUids } from "./folder-cursor";
import { inSiteTransaction } from "./site-transaction";
import { type FolderSyncMode, folderSyncMode, windowFirstSequence, windowSize } from "./sync-window";

export interface FolderStart {
  mode: FolderSyncMode;
  uidvalidity: string;
  /** Communications whose UID was cleared (a UIDVALIDITY change). */
  forgotten: number;
}

/** The UID of the oldest of the newest `count` messages; the server's UIDNEXT for an empty folder. */
async function windowStartUid(client: ImapFlow, mailbox: MailboxObject, count: number): Promise<number> {
  const sequence = windowFirstSequence(mailbox.exists, count);
  if (sequence === undefined) return mailbox.uidNext;
  if (sequence === 1) return 1;
  const first = await client.fetchOne(String(sequence), { uid: true });
  if (!first) throw new Error(`message ${sequence} of ${mailbox.path} could not be read`);
  return first.uid;
}

/**
 * Compares the server's UIDVALIDITY with the row's (P6) and places the cursor: a first sync starts
 * at the newest `initial_sync_count` messages, a changed UIDVALIDITY clears this folder's stored
 * UIDs and starts at the newest 100 (dedup absorbs the ones already stored), an unchanged one keeps
 * the cursor. The clearing and the new cursor are written together, so a crash in between redoes both.
 */
export async function startFolder(site: Site, client: ImapFlow, account: Doc, folder: string, cursor: FolderCursor): Promise<FolderStart> {
  const mailbox = client.mailbox;
  if (!mailbox) throw new Error(`folder ${folder} is not selected`);
  const uidvalidity = mailbox.uidValidity.toString();
  const mode = folderSyncMode(cursor.uidvalidity, uidvalidity);
  if (mode === "incremental") return { mode, uidvalidity, forgotten: 0 };
  const start = await windowStartUid(client, mailbox, windowSize(mode, account));
  const forgotten = await inSiteTransaction(site, async () => {
    const count = mode === "uidvalidity-reset" ? await forgetFolderUids(site, String(account.name), folder) : 0;
    await cursor.restart(uidvalidity, start);
    return count;
  });
  return { mode, uidvalidity, forgotten };
}
