import { InvalidEmailAddressError } from "../../errors";
import { invalidEmailMessage } from "../../schema/email-address";

/**
 * Keeping record fields from breaking out of the header they are written into (header injection):
 * free text (subjects, display names from records) is cleaned, addresses are refused.
 */

/** Python's `str.splitlines` boundaries (by code point), which Frappe's `sanitize_email_header` removes. */
const LINE_BOUNDARIES: ReadonlySet<number> = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]);
/** Every other control character; a tab is folded into a space. */
const OTHER_CONTROLS = /[\p{Cc}\u2028\u2029]/gu;

/**
 * A header value made safe as Frappe does (line boundaries removed, not replaced: "a\r\nb" becomes
 * "ab"), and beyond Frappe, other control characters dropped.
 */
export function cleanHeaderText(value: string): string {
  const joined = [...value].filter((ch) => !LINE_BOUNDARIES.has(ch.codePointAt(0) ?? 0)).join("");
  return joined.replace(/\t/g, " ").replace(OTHER_CONTROLS, "");
}

export function hasControlCharacters(value: string): boolean {
  return /[\p{Cc}\u2028\u2029]/u.test(value);
}

/**
 * An address text (`addr` or `Name <addr>`) with a control character anywhere is refused with
 * Frappe's invalid-address message: cleaning it could turn an injected header into a valid address.
 */
export function assertNoControlCharacters(address: string, field?: string): void {
  if (!hasControlCharacters(address)) return;
  throw new InvalidEmailAddressError(invalidEmailMessage(cleanHeaderText(address)), {
    doctype: "Email Queue",
    ...(field ? { field } : {}),
  });
}
