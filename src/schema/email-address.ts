/**
 * E-mail address checks as Frappe's `frappe.utils` does them (`split_emails`,
 * `validate_email_address`, `parse_addr`, `check_format`), re-implemented; Python's
 * `email.utils.parseaddr` is approximated by "the part in <...>, else the whole text".
 */

/** Frappe's `EMAIL_MATCH_PATTERN`; like Python's `re.match` it is anchored at the start only. */
const EMAIL_MATCH =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?/i;
/** Frappe's `EMAIL_STRING_PATTERN`: an address somewhere inside a longer text. */
const EMAIL_IN_TEXT = /([a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+)/;
/** A comma outside double quotes (Frappe's `MULTI_EMAIL_STRING_PATTERN`). */
const SEPARATOR_OUTSIDE_QUOTES = /[,\n](?=(?:[^"]|"[^"]*")*$)/;

/** `frappe.utils.escape_html`. */
export function escapeHtml(text: string): string {
  const table: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&apos;", ">": "&gt;", "<": "&lt;" };
  return text.replace(/[&"'<>]/g, (ch) => table[ch] ?? ch);
}

/** `frappe.utils.strip`: trims and drops zero-width characters. */
function strip(text: string): string {
  return text.replace(/\ufeff|\u200b/g, "").trim();
}

/** `split_emails`: tabs/newlines become spaces, then the text is split on commas outside quotes. */
export function splitEmails(text: unknown): string[] {
  if (text === null || text === undefined) return [];
  const flat = String(text).replace(/[\t\n\r]/g, " ");
  return flat
    .split(SEPARATOR_OUTSIDE_QUOTES)
    .map(strip)
    .filter((part) => part !== "");
}

/** `check_format`: an "@" not first, a "." after it, and more than 4 characters from the "@". */
function checkFormat(email: string): boolean {
  const at = email.lastIndexOf("@");
  return at > 0 && email.lastIndexOf(".") > at && email.length - at > 4;
}

/** `extract_email_id`: the address part of `Name <addr>`, or the first address found in the text. */
export function extractEmailId(text: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(text) ?? /<([^<>]*)>/.exec(text);
  const address = (angle ? (angle[1] as string) : text).trim();
  if (checkFormat(address)) return address;
  const found = EMAIL_IN_TEXT.exec(text);
  if (found && checkFormat(found[1] as string)) return found[1] as string;
  return address;
}

/** `_check` of `validate_email_address` for one comma-separated part. */
function isValidPart(part: string): boolean {
  if (part === "") return false;
  if (part.includes("undisclosed-recipient")) return true; // Frappe skips these silently.
  if (part.includes(" ") && !part.includes("<")) return false;
  const email = extractEmailId(part);
  return email !== "" && EMAIL_MATCH.test(email);
}

/**
 * `validate_email_address(text, throw=True)`: every comma-separated part must hold a valid
 * address. Returns the first offending part (stripped), or undefined when all are valid.
 */
export function findInvalidEmail(text: string): string | undefined {
  for (const raw of text.trim().split(",")) {
    const part = raw.trim();
    if (!isValidPart(part)) return part;
  }
  return undefined;
}

/** Frappe's message for a bad address (the value HTML-escaped). */
export function invalidEmailMessage(part: string): string {
  return `${escapeHtml(part)} is not a valid Email Address`;
}
