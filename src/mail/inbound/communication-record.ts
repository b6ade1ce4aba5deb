import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import type { InboundMessage } from "../inbound-message";
import type { MailSender } from "./append-to-document";
import { frappeDatetime } from "./header-values";
import type { LinkedDocument } from "./link-address";
import { formatMailboxes } from "./mailboxes";
import type { ParsedMail } from "./parsed-mail";

/** Frappe's `communication_type` for mail a machine sent (auto-replies, bounces, bulk): the automated-mail flag. */
export const AUTOMATED_COMMUNICATION_TYPE = "Automated Message";

export interface CommunicationInput {
  mail: ParsedMail;
  message: InboundMessage;
  sender: MailSender;
  content: string;
  textContent: string;
  inReplyTo?: string;
  reference?: LinkedDocument;
  automated: boolean;
}

/** P17: users who have this account in their User Emails (Frappe's `_seen` list). */
async function usersOfAccount(site: Site, account: string): Promise<string[]> {
  const rows = await site.getList("User Email", { fields: ["parent"], filters: { email_account: account, parenttype: "User" }, limit: 0 });
  return [...new Set(rows.map((row) => cstr(row.parent)).filter((name) => name !== ""))].sort();
}

/**
 * P17, the Communication for a received mail. Differences from Frappe, on purpose: `seen` is the
 * server's \Seen flag (Frappe always stores 0, H9) and `_seen` lists the account's users only when
 * the mail was seen; `imap_folder` is filled; automated mail is typed "Automated Message" and marked
 * `unread_notification_sent` so the unreplied-mail job does not chase it.
 */
export async function communicationRecord(site: Site, input: CommunicationInput): Promise<Doc> {
  const { mail, message, sender } = input;
  const account = cstr(message.account.name);
  const doc: Doc = {
    doctype: "Communication",
    communication_medium: "Email",
    communication_type: input.automated ? AUTOMATED_COMMUNICATION_TYPE : "Communication",
    sent_or_received: "Received",
    subject: mail.subject,
    content: input.content,
    text_content: input.textContent,
    sender: sender.address,
    sender_full_name: sender.fullName,
    recipients: formatMailboxes(mail.to),
    cc: formatMailboxes(mail.cc),
    email_account: account,
    imap_folder: message.folder,
    uid: message.uid,
    message_id: mail.messageId,
    communication_date: frappeDatetime(mail.date),
    has_attachment: 0,
    seen: message.seen ? 1 : 0,
    unread_notification_sent: mail.isNotification || input.automated ? 1 : 0,
  };
  if (input.inReplyTo) doc.in_reply_to = input.inReplyTo;
  if (input.reference) {
    doc.reference_doctype = input.reference.doctype;
    doc.reference_name = input.reference.name;
  }
  if (message.seen) doc._seen = JSON.stringify(await usersOfAccount(site, account));
  return doc;
}
