import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { storedCursor } from "./sync-window";

const FOLDER_DOCTYPE = "IMAP Folder";

/**
 * One IMAP Folder row's cursor: `uidvalidity` and `uidnext` (the next UID to fetch). Written with
 * `updateModified: false`, so a pull never makes an open Email Account form stale (fixes H7/P5).
 */
export class FolderCursor {
  private next: number;
  private validity: string;

  constructor(
    private readonly site: Site,
    private readonly row: Doc,
  ) {
    this.next = storedCursor(row);
    this.validity = cstr(row.uidvalidity);
  }

  /** The UIDVALIDITY the cursor belongs to ("" before the first sync). */
  get uidvalidity(): string {
    return this.validity;
  }

  /** The next UID to fetch. */
  get uidnext(): number {
    return this.next;
  }

  /** Starts (or restarts) the folder under a new UIDVALIDITY at `uidnext`. */
  async restart(uidvalidity: string, uidnext: number): Promise<void> {
    await this.site.setValue(FOLDER_DOCTYPE, cstr(this.row.name), { uidvalidity, uidnext: String(uidnext) }, { updateModified: false });
    this.next = uidnext;
    this.validity = uidvalidity;
  }

  /** Moves the cursor forward to `uidnext` (never back). */
  async advance(uidnext: number): Promise<void> {
    if (uidnext <= this.next) return;
    await this.site.setValue(FOLDER_DOCTYPE, cstr(this.row.name), { uidnext: String(uidnext) }, { updateModified: false });
    this.next = uidnext;
  }
}

/**
 * After a UIDVALIDITY change the stored UIDs of this folder's mails mean nothing: they become -1,
 * as Frappe does (P6) — but only for this folder, not every folder of the account (fixes H7).
 */
export async function forgetFolderUids(site: Site, accountName: string, folder: string): Promise<number> {
  const rows = await site.getList("Communication", {
    fields: ["name"],
    filters: [
      ["email_account", "=", accountName],
      ["imap_folder", "=", folder],
      ["communication_medium", "=", "Email"],
      ["uid", "!=", -1],
    ],
    limit: 0,
  });
  for (const row of rows) await site.setValue("Communication", cstr(row.name), { uid: -1 }, { updateModified: false });
  return rows.length;
}
