import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import type { CursorStore, ImapCursor } from "./cursor-store";
import { storedCursor } from "./sync-window";

const FOLDER_DOCTYPE = "IMAP Folder";

/**
 * Cursors on the IMAP Folder rows themselves (`uidvalidity`, `uidnext`), for a site that writes
 * those columns directly (the embedded site). Written with `updateModified: false`, so a pull never
 * makes an open Email Account form stale (fixes H7/P5); inside the site's transaction, so a mail's
 * records and the cursor past it land together.
 */
export class SiteCursorStore implements CursorStore {
  constructor(private readonly site: Site) {}

  async load(_account: string, folderRow: Doc): Promise<ImapCursor | undefined> {
    const uidvalidity = cstr(folderRow.uidvalidity);
    if (uidvalidity.trim() === "") return undefined;
    return { uidvalidity, uidnext: storedCursor(folderRow) };
  }

  async save(_account: string, folderRow: Doc, cursor: ImapCursor): Promise<void> {
    await this.site.setValue(FOLDER_DOCTYPE, cstr(folderRow.name), { uidvalidity: cursor.uidvalidity, uidnext: String(cursor.uidnext) }, { updateModified: false });
  }
}
