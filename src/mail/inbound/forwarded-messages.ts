import fs from "node:fs";
import type { HeaderLines, Headers } from "mailparser";
import type { AttachmentSpool, SpooledAttachment } from "./attachment-spool";
import { firstMessageId, headerText, rawHeader } from "./header-values";
import { headerAddressText } from "./mailboxes";
import { parseMimeLevel } from "./mime-parser";
import type { WorkDir } from "./work-dir";

/** Forwarded mails inside forwarded mails are opened this deep; deeper ones are kept as .eml files. */
export const MAX_FORWARD_DEPTH = 3;

/** A forwarded mail (a message/rfc822 part) as it shows in the content (P11, T4/T5). */
export interface ForwardedMessage {
  /** `From: …`, `To: …`, `Subject: …`, `Date: …` (those present), decoded, not yet escaped. */
  headerLines: string[];
  /** Its Message-ID without brackets ("" when none): a bounce's returned original names the mail it answers. */
  messageId: string;
  text: string;
  html?: string;
}

/** P11: the forwarded mail's From, To, Subject and Date, in Frappe's order and labels. */
export function forwardedHeaderLines(headers: Headers, headerLines: HeaderLines): string[] {
  const entries: Array<[string, string]> = [
    ["From", headerAddressText(headers, "from")],
    ["To", headerAddressText(headers, "to")],
    ["Subject", headerText(headers, "subject")],
    // The Date as the sender wrote it, as Frappe shows it.
    ["Date", rawHeader(headerLines, "date")],
  ];
  return entries.filter(([, value]) => value.trim() !== "").map(([label, value]) => `${label}: ${value.trim()}`);
}

/**
 * Opens each forwarded mail: its headers and bodies join the content, its attachments join the
 * outer mail's. One that cannot be parsed (or sits too deep) is kept as an attachment instead,
 * so nothing of it is lost.
 */
export async function openForwardedMessages(
  embedded: SpooledAttachment[],
  spool: AttachmentSpool,
  work: WorkDir,
  depth = 1,
): Promise<ForwardedMessage[]> {
  const out: ForwardedMessage[] = [];
  for (const part of embedded) {
    if (depth > MAX_FORWARD_DEPTH) {
      spool.stored.push(part);
      continue;
    }
    const result = await parseMimeLevel(fs.createReadStream(part.path), spool, work);
    if (!result.level) {
      spool.stored.push(part);
      continue;
    }
    const level = result.level;
    out.push({
      headerLines: forwardedHeaderLines(level.headers, level.headerLines),
      messageId: firstMessageId(level.headers, "message-id"),
      text: level.text,
      ...(level.html !== undefined ? { html: level.html } : {}),
    });
    out.push(...(await openForwardedMessages(level.embedded, spool, work, depth + 1)));
  }
  return out;
}
