import { randomBytes } from "node:crypto";
import { ValidationError } from "../../errors";

/**
 * S9: Message-IDs as Frappe makes them (Python's `email.utils.make_msgid(domain=site)`):
 * `<{centiseconds since the epoch}.{pid}.{random 64-bit number}@{site host}>`.
 */
export function makeMessageId(siteHost: string, now: Date = new Date(), pid: number = process.pid): string {
  const centiseconds = Math.floor(now.getTime() / 10);
  const random = randomBytes(8).readBigUInt64BE();
  return `<${centiseconds}.${pid}.${random}@${siteHost}>`;
}

/** The id without its angle brackets, as the Communication and the Email Queue store it. */
export function stripAngleBrackets(messageId: string): string {
  const trimmed = messageId.trim();
  const inner = /^<([^<>]*)>$/.exec(trimmed);
  return inner ? (inner[1] as string) : trimmed;
}

/** `local@domain` with no white space, control characters or angle brackets (RFC 5322 msg-id, loosely). */
const BARE_ID = /^[^\s<>@\p{Cc}]+@[^\s<>@\p{Cc}]+$/u;

/** Whether a stored id (from a received mail) can go into a header as it is. */
export function isSafeMessageId(id: string): boolean {
  return BARE_ID.test(stripAngleBrackets(id));
}

/**
 * A caller-given id, bare or in brackets, checked so it cannot break the header it goes into;
 * returned without brackets.
 */
export function checkedMessageId(given: string): string {
  const bare = stripAngleBrackets(given);
  if (!BARE_ID.test(bare)) throw new ValidationError(`${JSON.stringify(given)} is not a valid Message-ID`, { doctype: "Email Queue", field: "message_id" });
  return bare;
}
