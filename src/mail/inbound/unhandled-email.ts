import { cstr } from "../../core/doc";
import type { Site } from "../../core/site";
import type { InboundMessage } from "../inbound-message";
import { headerFromRawText } from "./header-values";
import { RAW_KEEP_BYTES, type RawCapture } from "./raw-source";

/** The message of an error on one line (never its stack, which may quote configuration). */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** P23/T13: the raw `Message-ID` header, angle brackets included, read from the raw header section. */
export function rawMessageIdHeader(raw: string): string {
  return headerFromRawText(raw, "Message-ID");
}

/** The raw source as text (T14: undecodable bytes become U+FFFD; NUL too, which text columns mishandle). */
export function rawText(capture: RawCapture): string {
  return capture.head().toString("utf8").split("\u0000").join("\uFFFD");
}

/**
 * P23: keeps a mail that could not be turned into records as an Unhandled Email, in its own write
 * (after the failed one rolled back): email_account, uid, reason = `what` + the error's message,
 * message_id = the raw header with brackets (as Frappe stores it), raw = the source as text. A raw
 * source over 10 MB keeps its first 10 MB, and the reason says so. Unlike Frappe, POP mail is kept
 * too. Throws only when the site refuses this write as well (then the mail must be fetched again).
 */
export async function keepUnhandledEmail(site: Site, message: InboundMessage, capture: RawCapture, what: string, error: unknown): Promise<{ name: string; reason: string }> {
  const raw = rawText(capture);
  const truncation = capture.truncated
    ? ` (The raw source of ${capture.totalBytes} bytes was truncated to its first ${RAW_KEEP_BYTES / (1024 * 1024)} MB.)`
    : "";
  const reason = `${what}: ${errorMessage(error)}${truncation}`;
  const { doc } = await site.insert({
    doctype: "Unhandled Email",
    email_account: cstr(message.account.name),
    uid: String(message.uid),
    reason,
    message_id: rawMessageIdHeader(raw),
    raw,
  });
  return { name: cstr(doc.name), reason };
}
