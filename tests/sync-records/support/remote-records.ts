import type { Doc } from "../../../src/core/doc";
import type { LocalSite } from "../../../src/site/local-site";

export const SUPPORT_PASSWORD = "imap-Pass-Word-77x!";

export const DOMAIN: Doc = {
  doctype: "Email Domain",
  domain_name: "acme.test",
  email_server: "imap.acme.test",
  use_imap: 1,
  use_ssl: 1,
  smtp_server: "smtp.acme.test",
  use_tls: 1,
};

export const SUPPORT: Doc = {
  doctype: "Email Account",
  email_account_name: "Support",
  email_id: "support@acme.test",
  domain: "acme.test",
  enable_incoming: 1,
  use_imap: 1,
  enable_outgoing: 1,
  password: SUPPORT_PASSWORD,
  signature: "<p>The support team</p>",
  imap_folder: [
    { doctype: "IMAP Folder", folder_name: "INBOX", append_to: "Issue" },
    { doctype: "IMAP Folder", folder_name: "Escalations" },
  ],
};

export const SALES: Doc = {
  doctype: "Email Account",
  email_account_name: "Sales",
  email_id: "sales@acme.test",
  domain: "acme.test",
  awaiting_password: 1,
  enable_outgoing: 1,
};

/** A received mail filed under an account, as the mail engine stores it. */
export function mail(index: number, account = "Support", extra: Partial<Doc> = {}): Doc {
  return {
    doctype: "Communication",
    communication_medium: "Email",
    communication_type: "Communication",
    sent_or_received: "Received",
    subject: `Question ${index}`,
    sender: `customer${index}@example.org`,
    recipients: account === "Sales" ? "sales@acme.test" : "support@acme.test",
    content: `<p>Hello, question number ${index}.</p>`,
    text_content: `Hello, question number ${index}.`,
    email_account: account,
    message_id: `<q${index}@example.org>`,
    communication_date: `2024-03-${String(10 + (index % 10)).padStart(2, "0")} 09:${String(index % 60).padStart(2, "0")}:00`,
    ...extra,
  };
}

export const UNHANDLED: Doc = {
  doctype: "Unhandled Email",
  email_account: "Support",
  uid: "4711",
  reason: "The message could not be parsed",
  message_id: "<broken@example.org>",
  raw: "Subject: broken\r\n\r\n(garbled)",
};

/** The remote site's records: a domain, two accounts (one with its password), three mails (one answered), one unhandled mail. */
export async function arrangeRemote(site: LocalSite): Promise<void> {
  await site.insert(DOMAIN, { noConnect: true });
  await site.insert(SUPPORT, { noConnect: true });
  await site.insert(SALES, { noConnect: true });
  for (const index of [1, 2]) await site.insert(mail(index), { noConnect: true });
  const { doc: answered } = await site.insert(mail(3, "Sales"), { noConnect: true });
  // Answered since: Frappe sets the status directly (as the mail engine does on a reply).
  await site.setValue("Communication", String(answered.name), { status: "Replied" });
  await site.insert(UNHANDLED, { noConnect: true });
}
