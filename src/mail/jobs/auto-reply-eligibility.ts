import { cint, cstr, type Doc } from "../../core/doc";
import { AUTOMATED_COMMUNICATION_TYPE } from "../inbound";

/**
 * Local parts that never take replies (RFC 3834 section 2: no auto-reply to list owners, bounce
 * handlers or "do not reply" senders), compared without case and without a `+tag`.
 */
const NO_REPLY_LOCAL_PARTS: ReadonlySet<string> = new Set([
  "noreply",
  "no-reply",
  "no_reply",
  "donotreply",
  "do-not-reply",
  "do_not_reply",
  "mailer-daemon",
  "postmaster",
  "listserv",
  "majordomo",
]);

/** Whether an address belongs to a robot or a list: `noreply@`, `MAILER-DAEMON@`, `owner-x@`, `x-request@`, `x-bounces@`, ... */
export function isNoReplyAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  const local = (at < 0 ? address : address.slice(0, at)).toLowerCase().split("+")[0] ?? "";
  if (NO_REPLY_LOCAL_PARTS.has(local)) return true;
  return local.startsWith("owner-") || local.endsWith("-request") || local.endsWith("-bounces") || local.endsWith("-owner");
}

export interface AutoReplyCandidate {
  /** The account the mail came in through. */
  account: Doc;
  /** The Communication just created for it. */
  communication: Doc;
  /** Every Email Account address of the site, lower-cased: mail from any of them is never answered. */
  ownAddresses: ReadonlySet<string>;
}

/**
 * Why this new Communication gets no auto-reply, or undefined when it gets one (S19, with RFC 3834's
 * rules Frappe lacks): auto-reply off, not a received mail, marked automated by the inbound code
 * (auto-replies, bounces, lists, read receipts), no sender, sent from one of the site's own
 * accounts (two accounts must not answer each other), or a robot's address.
 */
export function autoReplySkipReason({ account, communication, ownAddresses }: AutoReplyCandidate): string | undefined {
  if (!cint(account.enable_auto_reply)) return "auto-reply is off";
  if (cstr(communication.sent_or_received) !== "Received") return "not a received mail";
  if (cstr(communication.communication_type) === AUTOMATED_COMMUNICATION_TYPE) return "automated mail (auto-reply, bounce, list or receipt)";
  const sender = cstr(communication.sender).trim().toLowerCase();
  if (sender === "") return "no sender address";
  if (sender === cstr(account.email_id).trim().toLowerCase() || ownAddresses.has(sender)) return "sent from one of this site's own accounts";
  if (isNoReplyAddress(sender)) return "the sender takes no replies";
  return undefined;
}
