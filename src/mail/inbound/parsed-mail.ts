import fs from "node:fs";
import type { HeaderLines, Headers } from "mailparser";
import { DataError } from "../../errors";
import { AttachmentSpool, type SkippedAttachment, type SpooledAttachment } from "./attachment-spool";
import type { AutomatedMailInput } from "./automated-mail";
import { type ForwardedMessage, openForwardedMessages } from "./forwarded-messages";
import { firstMessageId, headerFromRawText, headerText, mailDate, messageIds, rawHeader, referenceIds, storedSubject } from "./header-values";
import { headerMailboxes, type Mailbox, parseMailbox } from "./mailboxes";
import { type MimeLevel, parseMimeLevel } from "./mime-parser";
import type { RawCapture } from "./raw-source";
import type { WorkDir } from "./work-dir";

/** One mail, parsed: what the rest of the inbound code works from. */
export interface ParsedMail extends AutomatedMailInput {
  headers: Headers;
  headerLines: HeaderLines;
  /** P11 subject (decoded, trimmed, at most 140 characters, `No Subject` when empty). */
  subject: string;
  /** Message-ID without angle brackets; "" when the mail has none. */
  messageId: string;
  /** In-Reply-To ids without brackets (normally one); a mail "is a reply" when this is not empty. */
  inReplyTo: string[];
  /** References ids without brackets, oldest first as written. */
  references: string[];
  /** P11 date (missing, unparsable or future -> now). */
  date: Date;
  /** `X-Original-From` when present, else `From` (P11). */
  from?: Mailbox;
  replyTo?: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  /** Delivered-To / X-Original-To: where the server delivered it (a `+` address may show only here). */
  deliveredTo: string[];
  /** Frappe's own notification mails carry `isnotification` (P17). */
  isNotification: boolean;
  text: string;
  html?: string;
  forwarded: ForwardedMessage[];
  attachments: SpooledAttachment[];
  skipped: SkippedAttachment[];
  /**
   * For a report (bounce, read receipt: multipart/report): the Message-IDs of the original mail it
   * returns, from its message/rfc822 or text/rfc822-headers part, so it threads with that mail.
   */
  reportedMessageIds: string[];
}

/** The returned headers of a report are read up to this size. */
const RETURNED_HEADERS_MAX_BYTES = 64 * 1024;

function readHead(file: string, bytes: number): string {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, bytes, 0)).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

function reportedMessageIds(headers: Headers, forwarded: ForwardedMessage[], attachments: SpooledAttachment[]): string[] {
  const type = headers.get("content-type");
  const isReport = typeof type === "object" && type !== null && "value" in type && String(type.value).toLowerCase() === "multipart/report";
  if (!isReport) return [];
  const fromHeaders = attachments
    .filter((part) => part.contentType === "text/rfc822-headers")
    .flatMap((part) => messageIds(headerFromRawText(readHead(part.path, RETURNED_HEADERS_MAX_BYTES), "Message-ID")));
  return [...forwarded.map((message) => message.messageId), ...fromHeaders].filter((id) => id !== "");
}

/** Headers one of which any mail has; a "mail" with none of them is taken for garbage, not a mail. */
const MAIL_HEADERS = ["from", "sender", "to", "subject", "date", "message-id"];

export interface ParseOutcome {
  capture: RawCapture;
  mail?: ParsedMail;
  error?: unknown;
  sourceError?: unknown;
}

function envelope(level: MimeLevel, now: Date): Omit<ParsedMail, "text" | "html" | "forwarded" | "attachments" | "skipped" | "reportedMessageIds"> {
  const headers = level.headers;
  const from = parseMailbox(rawHeader(level.headerLines, "x-original-from")) ?? headerMailboxes(headers, "from")[0];
  const replyTo = headerMailboxes(headers, "reply-to")[0];
  const originalTo = parseMailbox(rawHeader(level.headerLines, "x-original-to"))?.address;
  const deliveredTo = [...headerMailboxes(headers, "delivered-to").map((box) => box.address), ...(originalTo ? [originalTo] : [])];
  return {
    headers,
    headerLines: level.headerLines,
    subject: storedSubject(headerText(headers, "subject")),
    messageId: firstMessageId(headers, "message-id"),
    inReplyTo: messageIds(headerText(headers, "in-reply-to")),
    references: referenceIds(headers),
    date: mailDate(headers, now),
    ...(from ? { from } : {}),
    ...(replyTo ? { replyTo } : {}),
    sender: (from?.address ?? "").toLowerCase(),
    to: headerMailboxes(headers, "to"),
    cc: headerMailboxes(headers, "cc"),
    deliveredTo,
    isNotification: headerText(headers, "isnotification").includes("notification"),
  };
}

/**
 * Parses a raw mail (Buffer or stream) with attachments spooled to the work folder and forwarded
 * mails opened. Never throws for a bad mail: `error` says why it could not be parsed, and
 * `capture` keeps its raw source for an Unhandled Email.
 */
export async function parseMail(source: Buffer | NodeJS.ReadableStream, options: { work: WorkDir; limitBytes: number; now: Date }): Promise<ParseOutcome> {
  const spool = new AttachmentSpool(options.work, options.limitBytes);
  const result = await parseMimeLevel(source, spool, options.work);
  if (!result.level) return result;
  if (!MAIL_HEADERS.some((key) => result.level?.headers.has(key))) {
    return { capture: result.capture, error: new DataError("The data is not a mail: it has no From, To, Subject, Date or Message-ID header") };
  }
  try {
    const forwarded = await openForwardedMessages(result.level.embedded, spool, options.work);
    const mail: ParsedMail = {
      ...envelope(result.level, options.now),
      text: result.level.text,
      ...(result.level.html !== undefined ? { html: result.level.html } : {}),
      forwarded,
      attachments: spool.stored,
      skipped: spool.skipped,
      reportedMessageIds: reportedMessageIds(result.level.headers, forwarded, spool.stored),
    };
    return { capture: result.capture, mail };
  } catch (error) {
    return { capture: result.capture, error };
  }
}
