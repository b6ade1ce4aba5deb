import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import type { CursorStore, ImapCursor } from "./cursor-store";

/**
 * One folder's cursor during a pull: `uidvalidity` and `uidnext` (the next UID to fetch), kept in
 * a CursorStore (the IMAP Folder row on the embedded site, a file for a remote site).
 */
export class FolderCursor {
  private next: number;
  private validity: string;

  private constructor(
    private readonly store: CursorStore,
    private readonly account: string,
    private readonly row: Doc,
    stored: ImapCursor | undefined,
  ) {
    this.next = Math.max(1, stored?.uidnext ?? 1);
    this.validity = stored?.uidvalidity ?? "";
  }

  /** The folder's cursor as the store has it. */
  static async open(store: CursorStore, account: string, row: Doc): Promise<FolderCursor> {
    return new FolderCursor(store, account, row, await store.load(account, row));
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
    await this.store.save(this.account, this.row, { uidvalidity, uidnext });
    this.next = uidnext;
    this.validity = uidvalidity;
  }

  /** Moves the cursor forward to `uidnext` (never back). */
  async advance(uidnext: number): Promise<void> {
    if (uidnext <= this.next) return;
    await this.store.save(this.account, this.row, { uidvalidity: this.validity, uidnext });
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
