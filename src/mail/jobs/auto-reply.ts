import { cint, cstr, type Doc } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import { findIncomingAccount, findOutgoingAccount, type OutboundConfig, queueEmail } from "../outbound";
import { autoReplySkipReason } from "./auto-reply-eligibility";
import { AUTO_SUBMITTED_HEADER, DEFAULT_AUTO_REPLY_INTERVAL_HOURS, isRateLimited, lastAutoReplyAt } from "./auto-reply-rate-limit";
import { defaultAutoReplyHtml } from "./default-auto-reply";
import { isBlankHtml, renderPlaceholders } from "./placeholder-template";

/** Frappe's unsubscribe text for communication mail (S12), used when the account's `send_unsubscribe_message` is on. */
const LEAVE_CONVERSATION = "Leave this conversation";

/**
 * RFC 3834 section 5 + Microsoft's header: the reply says it is automatic, so well-behaved
 * responders (and our own inbound code) never answer it; `Precedence` for older ones.
 */
export const AUTO_REPLY_HEADERS: Readonly<Record<string, string>> = {
  [AUTO_SUBMITTED_HEADER.key]: AUTO_SUBMITTED_HEADER.value,
  "X-Auto-Response-Suppress": "All",
  Precedence: "auto_reply",
};

export interface AutoReplyOptions {
  log: Logger;
  now: Date;
  /** At most one auto-reply per sender and sending account in this many hours (0: no limit). */
  intervalHours?: number;
  config?: Partial<OutboundConfig>;
}

export type AutoReplyOutcome = { status: "queued"; queue: string[]; sendingAccount: string } | { status: "skipped"; reason: string };

/** Every account address of the site, lower-cased. */
async function siteAddresses(site: Site): Promise<Set<string>> {
  const rows = await site.getList("Email Account", { fields: ["email_id"], limit: 0 });
  return new Set(rows.map((row) => cstr(row.email_id).trim().toLowerCase()).filter((address) => address !== ""));
}

/** The auto-reply's body: the account's Auto Reply Message over the Communication's fields, else Frappe's default text. */
export function autoReplyContent(account: Doc, communication: Doc, log: Logger): string {
  const rendered = renderPlaceholders(cstr(account.auto_reply_message), communication);
  if (rendered.unsupported.length > 0) {
    log.warn({ account: cstr(account.name), unsupported: rendered.unsupported }, "Auto Reply Message: template tags left out (only {{ field }} and {{ _(\"text\") }} are supported)");
  }
  return isBlankHtml(rendered.text) ? defaultAutoReplyHtml(communication) : rendered.text;
}

/**
 * S19: answers a newly received Communication on an account with auto-reply on, as Frappe's
 * `send_auto_reply` does (to the sender, from the account's address, Reply-To the incoming account
 * S4 finds, `Re: {subject}`, the reference document, threaded to the mail), plus what Frappe lacks:
 * RFC 3834 headers, no reply to automated mail, robots or the site's own accounts, and at most one
 * reply per sender and account within `intervalHours` (looked up on the Email Queue).
 */
export async function queueAutoReply(site: Site, account: Doc, communicationName: string, options: AutoReplyOptions): Promise<AutoReplyOutcome> {
  const communication = await site.get("Communication", communicationName);
  const reason = autoReplySkipReason({ account, communication, ownAddresses: await siteAddresses(site) });
  if (reason) return { status: "skipped", reason };

  const recipient = cstr(communication.sender).trim().toLowerCase();
  const accountAddress = cstr(account.email_id).trim();
  const referenceDoctype = cstr(communication.reference_doctype);
  // S3 as Frappe's sendmail does it for `sender = account.email_id`: usually the account itself.
  const sending = await findOutgoingAccount(site, { sender: accountAddress, referenceDoctype });
  if (!sending) return { status: "skipped", reason: "no outgoing Email Account to send it" };
  const sendingAccount = cstr(sending.name);

  const intervalHours = options.intervalHours ?? DEFAULT_AUTO_REPLY_INTERVAL_HOURS;
  const last = await lastAutoReplyAt(site, { sendingAccount, recipient, now: options.now, intervalHours });
  if (isRateLimited(last, options.now, intervalHours)) {
    return { status: "skipped", reason: `already auto-replied to this sender within ${intervalHours} hours` };
  }

  const incoming = await findIncomingAccount(site, { sender: cstr(communication.sender), referenceDoctype });
  const result = await queueEmail(
    site,
    {
      recipients: [recipient],
      sender: accountAddress,
      emailAccount: sendingAccount,
      ...(incoming && cstr(incoming.email_id) ? { replyTo: cstr(incoming.email_id) } : {}),
      subject: ["Re:", cstr(communication.subject)].join(" "),
      content: autoReplyContent(account, communication, options.log),
      ...(referenceDoctype ? { referenceDoctype } : {}),
      ...(cstr(communication.reference_name) ? { referenceName: cstr(communication.reference_name) } : {}),
      inReplyTo: communicationName,
      ...(cint(account.send_unsubscribe_message) ? { unsubscribeMessage: LEAVE_CONVERSATION } : {}),
      extraHeaders: AUTO_REPLY_HEADERS,
    },
    { config: options.config ?? {}, now: () => options.now },
  );
  return { status: "queued", queue: result.queue, sendingAccount };
}
