import { ValidationError } from "../../errors";
import { cleanHeaderText } from "./header-safety";

/** A header a caller adds to a queued mail (e.g. RFC 3834's `Auto-Submitted` on an auto-reply). */
export interface ExtraHeader {
  key: string;
  value: string;
}

/** RFC 5322 field name: printable ASCII without space or colon. */
const FIELD_NAME = /^[!-9;-~]+$/;

/**
 * Headers the queue builder writes itself, or that change where or how the mail goes: a caller may
 * not set or repeat them through `extraHeaders`.
 */
const RESERVED = new Set(
  [
    "from",
    "sender",
    "to",
    "cc",
    "bcc",
    "reply-to",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "mime-version",
    "return-path",
    "list-unsubscribe",
    "list-unsubscribe-post",
    "x-frappe-site",
    "isnotification",
    "x-original-from",
    "disposition-notification-to",
  ].map((name) => name.toLowerCase()),
);

/**
 * The caller's extra headers, checked: a bad or reserved name is refused (ValidationError), a value
 * is cleaned like any free text (no line breaks, so no header injection).
 */
export function checkedExtraHeaders(headers: Readonly<Record<string, string>>): ExtraHeader[] {
  return Object.entries(headers).map(([key, value]) => {
    if (!FIELD_NAME.test(key) || RESERVED.has(key.toLowerCase()) || key.toLowerCase().startsWith("content-")) {
      throw new ValidationError(`${JSON.stringify(key)} cannot be set as an extra header`, { doctype: "Email Queue" });
    }
    return { key, value: cleanHeaderText(String(value)).trim() };
  });
}
