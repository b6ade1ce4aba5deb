import type { HeaderLines, HeaderValue, Headers } from "mailparser";

/** P11: the stored subject is at most this many characters. */
export const SUBJECT_MAX_LENGTH = 140;
export const NO_SUBJECT = "No Subject";

/** A header's first value as text ("" when absent or not a text header). */
export function headerText(headers: Headers, key: string): string {
  const value: HeaderValue | undefined = headers.get(key);
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === "string") return first;
  if (first instanceof Date) return first.toUTCString();
  return "";
}

/** Whether a header is present at all (with any value). */
export function hasHeader(headers: Headers, key: string): boolean {
  return headers.has(key);
}

/** A header exactly as written in the message (folding undone, name removed), "" when absent. */
export function rawHeader(headerLines: HeaderLines, key: string): string {
  const line = headerLines.find((entry) => entry.key === key)?.line ?? "";
  return line.replace(/\r?\n[ \t]+/g, " ").replace(/^[^:]*:\s*/, "").trim();
}

/**
 * Every Message-ID in a header value, without angle brackets, in order (`<a@x> <b@y>` -> `a@x`, `b@y`).
 * A value without brackets counts as one id.
 */
export function messageIds(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(" ") : (value ?? "");
  const ids = [...text.matchAll(/<([^<>]*)>/g)].map((m) => (m[1] as string).trim()).filter((id) => id !== "");
  if (ids.length > 0) return ids;
  const bare = text.trim();
  return bare === "" ? [] : bare.split(/\s+/);
}

/** The first Message-ID of a header, without brackets ("" when none), as Frappe stores `message_id`. */
export function firstMessageId(headers: Headers, key: string): string {
  return messageIds(headerText(headers, key))[0] ?? "";
}

/** The References header's ids, oldest first as written. */
export function referenceIds(headers: Headers): string[] {
  const value = headers.get("references");
  return messageIds(Array.isArray(value) ? value.map(String) : typeof value === "string" ? value : undefined);
}

/**
 * P11 subject: every encoded word decoded (mailparser's libmime keeps them all, unlike Frappe's
 * first-chunk quirk H8), line breaks and tabs flattened, trimmed, at most 140 characters,
 * `No Subject` when empty.
 */
export function storedSubject(decoded: string): string {
  const flat = decoded.replace(/[\r\n\t]+/g, " ").trim();
  const cut = Array.from(flat).slice(0, SUBJECT_MAX_LENGTH).join("").trim();
  return cut === "" ? NO_SUBJECT : cut;
}

/** P11 date: the Date header; missing, unparsable or in the future -> now. */
export function mailDate(headers: Headers, now: Date): Date {
  const value = headers.get("date");
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return now;
  return value.getTime() > now.getTime() ? now : value;
}

/** Frappe's datetime text without fractions ("YYYY-MM-DD HH:MM:SS", the site's local time), as P11 stores it. */
export function frappeDatetime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A header's value read from raw header text (the part before the first blank line), folding undone; "" when absent. */
export function headerFromRawText(raw: string, name: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const escaped = name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  const match = new RegExp(`^${escaped}:[ \\t]*(.*)$`, "im").exec(head);
  return match ? (match[1] as string).trim() : "";
}
