import { cint, cstr, type Doc } from "../../core/doc";

/**
 * How a folder is synced this time, from the row's stored UIDVALIDITY and the server's (P6):
 * none stored -> first sync; different -> the server renumbered the folder; same -> go on from the cursor.
 */
export type FolderSyncMode = "first-sync" | "uidvalidity-reset" | "incremental";

export function folderSyncMode(storedUidValidity: unknown, serverUidValidity: string): FolderSyncMode {
  const stored = cstr(storedUidValidity).trim();
  if (stored === "") return "first-sync";
  // Frappe compares the strings; UIDVALIDITY is a number, so "0042" and "42" are the same folder.
  return stored === serverUidValidity || (/^\d+$/.test(stored) && BigInt(stored).toString() === serverUidValidity) ? "incremental" : "uidvalidity-reset";
}

/** After a UIDVALIDITY change Frappe takes the last 100 messages again (P6). */
export const RESET_WINDOW = 100;

/** The account's Initial Sync Count: 100, 250 or 500; 100 when empty (P4). */
export function initialSyncCount(account: Doc): number {
  const count = cint(account.initial_sync_count);
  return count > 0 ? count : 100;
}

/** How many of the newest messages a first sync or a reset takes. */
export function windowSize(mode: FolderSyncMode, account: Doc): number {
  return mode === "uidvalidity-reset" ? RESET_WINDOW : initialSyncCount(account);
}

/**
 * The sequence number of the oldest message among the newest `count` of a folder holding `exists`
 * messages; undefined for an empty folder. Taking the last N *messages* (not the UID range
 * uidnext-N..uidnext as Frappe does) means gaps in the UIDs never shrink the window.
 */
export function windowFirstSequence(exists: number, count: number): number | undefined {
  if (exists <= 0) return undefined;
  return Math.max(1, exists - count + 1);
}

/** The row's cursor as a number (the next UID to fetch); 1 when unset. */
export function storedCursor(row: Doc): number {
  return Math.max(1, cint(row.uidnext));
}
