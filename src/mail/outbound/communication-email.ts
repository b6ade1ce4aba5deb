import { cint, cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { STANDARD_USERS, addressList, assertValidAddress, formatAddress } from "./addresses";
import { NO_ACCOUNT_FOR_COMMUNICATION, accountDisplayName, defaultSender, findIncomingAccount, requireOutgoingAccount } from "./account-choice";
import { commonBuild } from "./common-build";
import { communicationRecipients } from "./communication-recipients";
import { cleanHeaderText } from "./header-safety";
import { checkedMessageId, makeMessageId, stripAngleBrackets } from "./message-id";
import type { OutboundConfig } from "./outbound-config";
import type { QueueEmailArgs, QueueEmailResult } from "./queue-email-args";
import { insertQueueRows } from "./queue-builder";
import { sendAfterValue } from "./send-after";
import { appendSignature, findSignature } from "./signature";
import { LEAVE_CONVERSATION } from "./unsubscribe";

/**
 * `get_formatted_email(user)`: a real user sends as `Full Name <email>`. Frappe does this for
 * Administrator too (`admin@example.com`, no real mailbox); here Administrator and Guest fall back
 * to the account's own sender.
 */
async function userSender(site: Site, user: string): Promise<string | undefined> {
  if (STANDARD_USERS.has(user) || !(await site.exists("User", user))) return undefined;
  const record = await site.get("User", user);
  const email = cstr(record.email);
  return email ? formatAddress(cleanHeaderText(cstr(record.full_name)).trim(), email) : undefined;
}

/** S5: `{sender_full_name} <{sender}>`, else the account's name and address, else "Notification". */
function communicationFrom(communication: Doc, account: Doc): string {
  const name = cleanHeaderText(cstr(communication.sender_full_name)).trim() || accountDisplayName(account) || "Notification";
  return formatAddress(name, cstr(communication.sender) || cstr(account.email_id));
}

/**
 * The desk composer's `make` with "send": a Sent Communication carrying a fresh Message-ID, then
 * its mail queued with the Communication's rules (S2, S4-S6). Reply-To is the incoming account
 * S4 finds: for a document whose DocType an incoming account collects (Append To), that account's
 * address, even when another account sends — replies then reach that mailbox and thread to the
 * document by Message-ID (the user manual's warning: a forwarded copy sent elsewhere does not).
 */
export async function queueCommunicationEmail(site: Site, args: QueueEmailArgs, config: OutboundConfig, now: Date): Promise<QueueEmailResult> {
  const user = args.user ?? "Administrator";
  const account = await requireOutgoingAccount(
    site,
    { emailAccount: args.emailAccount, sender: args.sender, referenceDoctype: args.referenceDoctype },
    NO_ACCOUNT_FOR_COMMUNICATION,
  );
  const sender = args.sender?.trim() || (await userSender(site, user)) || defaultSender(account);
  const to = addressList(args.recipients);
  const cc = addressList(args.cc);
  const bcc = addressList(args.bcc);
  // Refused before anything is written, so no Communication keeps an injected header.
  for (const address of [sender, ...to, ...cc, ...bcc]) if (!STANDARD_USERS.has(address)) assertValidAddress(address, "recipients");

  let content = args.content ?? args.message ?? "";
  if (args.addSignature ?? true) content = appendSignature(content, await findSignature(site, user, account));
  const messageId = args.messageId ? checkedMessageId(args.messageId) : stripAngleBrackets(makeMessageId(config.siteHost, now));
  const accountName = cstr(account.name);
  const { doc: communication } = await site.insert({
    doctype: "Communication",
    communication_type: "Communication",
    communication_medium: "Email",
    sent_or_received: "Sent",
    subject: cleanHeaderText(args.subject ?? "").trim(),
    content,
    sender,
    recipients: to.join(", "),
    cc: cc.join(", ") || null,
    bcc: bcc.join(", ") || null,
    reference_doctype: args.referenceDoctype ?? null,
    reference_name: args.referenceName ?? null,
    email_account: accountName && (await site.exists("Email Account", accountName)) ? accountName : null,
    message_id: messageId,
    in_reply_to: args.inReplyTo ?? null,
    read_receipt: args.readReceipt ? 1 : 0,
    has_attachment: 0,
    send_after: sendAfterValue(args.sendAfter, now),
  });
  const name = String(communication.name);

  const recipients = await communicationRecipients(
    site,
    { to: cstr(communication.recipients), cc: cstr(communication.cc), bcc: cstr(communication.bcc), senderAddress: cstr(communication.sender) },
    { sendMeACopy: !!args.sendMeACopy, user },
  );
  const result: QueueEmailResult = { queue: [], communication: name, messageId, emailsNotSentTo: recipients.notSentTo };
  if (recipients.to.length + recipients.cc.length === 0) return result;

  const incoming = await findIncomingAccount(site, { sender: cstr(communication.sender), referenceDoctype: args.referenceDoctype });
  const replyTo = args.replyTo || cstr(incoming?.email_id) || undefined;
  const rows = await insertQueueRows(
    site,
    {
      ...(await commonBuild(site, { ...args, messageId, subject: cstr(communication.subject) }, account, now)),
      sender: communicationFrom(communication, account),
      to: recipients.to,
      cc: recipients.cc,
      bcc: recipients.bcc,
      content,
      ...(replyTo ? { replyTo } : {}),
      exposeRecipients: "header",
      communication: name,
      ...(cint(account.send_unsubscribe_message) ? { unsubscribeMessage: LEAVE_CONVERSATION } : {}),
      isNotification: false,
    },
    config,
    now,
  );
  return { ...result, queue: rows.names };
}
