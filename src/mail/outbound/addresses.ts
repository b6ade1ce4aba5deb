import { InvalidEmailAddressError } from "../../errors";
import { extractEmailId, findInvalidEmail, invalidEmailMessage, splitEmails } from "../../schema/email-address";
import { assertNoControlCharacters } from "./header-safety";

/** An address with its display name, as the MIME builder takes it. */
export interface NamedAddress {
  name: string;
  address: string;
}

/** `frappe.STANDARD_USERS`: never mailed. */
export const STANDARD_USERS: ReadonlySet<string> = new Set(["Guest", "Administrator"]);

/** The bare address of `addr` / `Name <addr>` (Frappe's `extract_email_id`). */
export function bareAddress(text: string): string {
  return extractEmailId(text.trim());
}

/**
 * Frappe's `parse_addr`: the display name and the address. A text without a name gives the address
 * itself as the name, and the name keeps only letters, digits, spaces and `/_'` (so "O. Neil-Smith"
 * becomes "O NeilSmith"), exactly as a Frappe site rewrites senders.
 */
export function parseAddr(text: string): NamedAddress {
  const address = bareAddress(text);
  const name = text
    .split(address)
    .join("")
    .replace(/[^A-Za-z0-9\u00C0-\u024F/_' ]+/g, "")
    .trim();
  return { name: name === "" ? address : name, address };
}

const SPECIALS = /[\][\\()<>@,:;".]/;

/**
 * Python's `email.utils.formataddr`: the name quoted when it holds a special character, `\` and `"`
 * escaped; no name gives the bare address. Non-ASCII names stay readable here (the MIME builder
 * encodes them), where Python would write an RFC 2047 word into the stored sender.
 */
export function formatAddress(name: string, address: string): string {
  if (!name) return address;
  const escaped = name.replace(/[\\"]/g, (ch) => `\\${ch}`);
  return SPECIALS.test(name) ? `"${escaped}" <${address}>` : `${escaped} <${address}>`;
}

/**
 * `split_emails` of a text, or the entries of a list, without empty ones and without repeats
 * (Frappe puts them in a set; the first spelling of each entry is kept here, in order).
 */
export function addressList(value: string | readonly string[] | null | undefined): string[] {
  const entries = typeof value === "string" ? splitEmails(value.replace(/;/g, ",")) : [...(value ?? [])].map((entry) => entry.trim());
  return [...new Set(entries.filter((entry) => entry !== ""))];
}

/** Frappe's `validate_email_address(text, throw=True)`, after refusing control characters. */
export function assertValidAddress(text: string, field?: string): void {
  assertNoControlCharacters(text, field);
  const invalid = findInvalidEmail(text);
  if (invalid !== undefined) {
    throw new InvalidEmailAddressError(invalidEmailMessage(invalid), { doctype: "Email Queue", ...(field ? { field } : {}) });
  }
}

/** Whether two address texts name the same mailbox (address part compared without case). */
export function sameAddress(a: string, b: string): boolean {
  return bareAddress(a).toLowerCase() === bareAddress(b).toLowerCase();
}
