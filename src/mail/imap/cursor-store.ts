import { cstr, type Doc } from "../../core/doc";

/** Where a folder's pull stands: the server's UIDVALIDITY and the next UID to fetch. */
export interface ImapCursor {
  uidvalidity: string;
  uidnext: number;
}

/**
 * Where the puller keeps each folder's cursor. A folder is named by its account's name and the
 * row's `folder_name` (not the row's `name`), so a store that keeps cursors off the site gives a
 * re-created row the cursor of the folder it names.
 */
export interface CursorStore {
  /** The folder's cursor; undefined before its first sync (the pull then takes a first-sync window). */
  load(account: string, folderRow: Doc): Promise<ImapCursor | undefined>;
  /** Records the folder's cursor; resolves once it is durable. */
  save(account: string, folderRow: Doc, cursor: ImapCursor): Promise<void>;
}

/** The folder a row names, as the puller selects it. */
export function folderNameOf(folderRow: Doc): string {
  return cstr(folderRow.folder_name).trim();
}
