import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { STANDARD_USERS, assertValidAddress, bareAddress } from "./addresses";
import type { ExtraHeader } from "./extra-headers";
import { cleanHeaderText } from "./header-safety";
import { type MailHeader, contentAsHtml, formattedHtml } from "./html-body";
import { htmlToText } from "./html-text";
import { makeMessageId } from "./message-id";
import { buildQueuedMime } from "./mime-message";
import type { OutboundConfig } from "./outbound-config";
import { rewriteSender } from "./sender-rewrite";
import { unsubscribeMessage } from "./unsubscribe";
import { unsubscribedAddresses } from "./unsubscribed";

/** A mail ready to be queued: the account is chosen and the sender set (S7). */
export interface QueueBuild {
  account: Doc;
  sender: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  content: string;
  textContent?: string;
  replyTo?: string;
  referenceDoctype?: string;
  referenceName?: string;
  /** Without angle brackets; generated when absent (and the mail is then marked `isnotification`). */
  messageId?: string;
  /** The Message-IDs (with brackets) of the mail replied to, and of its thread. */
  inReplyTo?: { messageId: string; references: string[] };
  sendAfter: string | null;
  priority: number;
  communication?: string;
  unsubscribeMessage?: string;
  addUnsubscribeLink: boolean;
  unsubscribeMethod?: string;
  unsubscribeParams?: Record<string, string>;
  exposeRecipients?: "header" | "footer";
  isNotification: boolean;
  readReceipt: boolean;
  header?: MailHeader;
  /** The caller's own headers, already checked (`checkedExtraHeaders`). */
  extraHeaders?: ExtraHeader[];
  withContainer?: boolean;
  footer?: string;
  queueSeparately: boolean;
}

export interface QueuedRows {
  names: string[];
  /** Without angle brackets, as stored on the rows. */
  messageId?: string;
}

const withoutStandardUsers = (list: string[]) => list.filter((entry) => !STANDARD_USERS.has(entry.trim()));

/**
 * Frappe's `QueueBuilder.process` (S7-S9, S12, S16): the MIME text with its per-recipient
 * placeholders, and one Email Queue row for everybody, or one per To address when asked or past
 * 100 addresses. Addresses with control characters or in a bad format are refused (Frappe logs
 * "Invalid email address" and silently queues nothing; a caller here learns why).
 */
export async function insertQueueRows(site: Site, build: QueueBuild, config: OutboundConfig, now: Date): Promise<QueuedRows> {
  const unsubscribed = await unsubscribedAddresses(site, [...build.to, ...build.cc], build.referenceDoctype, build.referenceName);
  const keep = (list: string[]) => withoutStandardUsers(list).filter((entry) => !unsubscribed.has(bareAddress(entry).toLowerCase()));
  const to = keep(build.to);
  const cc = keep(build.cc);
  const bcc = withoutStandardUsers(build.bcc);
  if (to.length + cc.length === 0) return { names: [] };

  const linkWanted = build.addUnsubscribeLink && !!build.referenceDoctype && (!!build.unsubscribeMessage || build.referenceDoctype === "Newsletter");
  const unsubscribe = linkWanted ? unsubscribeMessage(build.unsubscribeMessage, build.exposeRecipients) : undefined;
  const subject = cleanHeaderText(build.subject).trim();
  const html = formattedHtml(
    { subject, content: build.content, account: build.account, ...(build.header ? { header: build.header } : {}), withContainer: !!build.withContainer, ...(build.footer ? { footer: build.footer } : {}), ...(unsubscribe ? { unsubscribeHtml: unsubscribe.html } : {}) },
    config,
  );
  const text = (build.textContent ?? htmlToText(contentAsHtml(build.content))) + (unsubscribe?.text ?? "");

  // S8: the sender and Reply-To (which defaults to the sender as given) must be valid, then the account's flags apply.
  const replyTo = (build.replyTo ?? "").trim() || build.sender.trim();
  assertValidAddress(replyTo, "reply_to");
  const sender = rewriteSender(build.sender, build.account);
  for (const address of [...to, ...cc, ...bcc]) assertValidAddress(address, "recipients");

  const headers = [{ key: "X-Frappe-Site", value: config.siteUrl }];
  const messageId = build.messageId ? `<${build.messageId}>` : makeMessageId(config.siteHost, now);
  if (!build.messageId || build.isNotification) headers.push({ key: "isnotification", value: "<notification>" });
  if (sender.originalFrom) headers.push({ key: "X-Original-From", value: sender.originalFrom });
  if (build.readReceipt) headers.push({ key: "Disposition-Notification-To", value: build.sender.trim() });
  headers.push(...(build.extraHeaders ?? []));

  const message = await buildQueuedMime({
    from: sender.from,
    to,
    cc,
    exposeRecipients: build.exposeRecipients ?? null,
    replyTo,
    subject,
    html,
    text,
    messageId,
    date: now,
    ...(build.inReplyTo ? { inReplyTo: build.inReplyTo.messageId, references: build.inReplyTo.references } : {}),
    headers,
    listUnsubscribe: !!unsubscribe,
  });

  const storedId = messageId.slice(1, -1);
  const accountName = cstr(build.account.name);
  const row: Doc = {
    doctype: "Email Queue",
    status: "Not Sent",
    retry: 0,
    priority: build.priority,
    attachments: "[]",
    message_id: storedId,
    message,
    sender: sender.text,
    reference_doctype: build.referenceDoctype ?? null,
    reference_name: build.referenceName ?? null,
    add_unsubscribe_link: build.addUnsubscribeLink ? 1 : 0,
    unsubscribe_method: build.unsubscribeMethod ?? "/api/method/frappe.email.queue.unsubscribe",
    // v15 writes these under a key the DocType does not have, so they never reach the link; kept here.
    unsubscribe_param: build.unsubscribeParams ? JSON.stringify(build.unsubscribeParams) : null,
    expose_recipients: build.exposeRecipients ?? null,
    communication: build.communication ?? null,
    send_after: build.sendAfter,
    show_as_cc: cc.join(","),
    email_account: accountName && (await site.exists("Email Account", accountName)) ? accountName : null,
  };

  const separately = to.length > 0 && (build.queueSeparately || to.length > 100);
  const recipientSets = separately ? to.map((one) => [one, ...cc, ...bcc]) : [[...to, ...cc, ...bcc]];
  const names: string[] = [];
  for (const set of recipientSets) {
    const recipients = [...new Set(set.map((entry) => entry.trim()))].map((recipient) => ({ recipient, status: "Not Sent" }));
    const { doc } = await site.insert({ ...row, recipients });
    names.push(String(doc.name));
  }
  return { names, messageId: storedId };
}
