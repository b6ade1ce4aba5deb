import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import type { InboundMessage } from "../inbound-message";

/**
 * P13, per account: the Communication this account already stored for the mail, by Message-ID; a
 * mail without one, by (folder, UID) — which relies on the puller setting `uid = -1` on the account's
 * Communications when a folder's UIDVALIDITY changes (P6), so old UIDs never match new mails.
 */
export async function findStoredCopy(site: Site, message: InboundMessage, messageId: string): Promise<Doc | undefined> {
  const account = cstr(message.account.name);
  // has_attachment and the reference: a copy an earlier, cut-short attempt left is finished (complete-stored-copy.ts).
  const fields = ["name", "uid", "imap_folder", "has_attachment", "reference_doctype", "reference_name"];
  if (messageId !== "") {
    const [row] = await site.getList("Communication", {
      fields,
      filters: { email_account: account, message_id: messageId },
      orderBy: "creation desc",
      limit: 1,
    });
    return row;
  }
  if (!(message.uid > 0)) return undefined;
  const [row] = await site.getList("Communication", {
    fields,
    filters: { email_account: account, imap_folder: message.folder, uid: message.uid, communication_medium: "Email", sent_or_received: "Received" },
    orderBy: "creation desc",
    limit: 1,
  });
  return row;
}

/**
 * P13: the stored copy takes the new UID (and folder), as Frappe's `update_db(uid=...)` does, without
 * bumping `modified` so an open form of it does not go stale.
 */
export async function recordNewLocation(site: Site, stored: Doc, message: InboundMessage): Promise<void> {
  if (Number(stored.uid) === message.uid && cstr(stored.imap_folder) === message.folder) return;
  await site.setValue("Communication", cstr(stored.name), { uid: message.uid, imap_folder: message.folder }, { updateModified: false });
}
