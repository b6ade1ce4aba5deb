import { createHmac } from "node:crypto";
import { escapeHtml } from "../../schema/email-address";

/** Frappe's default unsubscribe endpoint (S12). */
export const DEFAULT_UNSUBSCRIBE_METHOD = "/api/method/frappe.email.queue.unsubscribe";
/** The unsubscribe text of communication mail when the account's `send_unsubscribe_message` is on. */
export const LEAVE_CONVERSATION = "Leave this conversation";

/** Python's `urllib.parse.quote_plus`: only letters, digits and `_.-~` stay; a space becomes `+`. */
export function quotePlus(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** Python's `urlencode` of a dict: keys in insertion order. */
export function urlencode(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([key, value]) => `${quotePlus(key)}=${quotePlus(value)}`)
    .join("&");
}

/**
 * `frappe.utils.verified_command.get_signed_params`: the query string plus
 * `&_signature=<HMAC-SHA512 hex of it, keyed with the site secret>`, which Frappe's
 * `verify_request` checks, so a link built here is accepted by a Frappe site sharing the secret.
 */
export function signedParams(params: Readonly<Record<string, string>>, secret: string): string {
  const query = urlencode(params);
  const signature = createHmac("sha512", secret).update(query).digest("hex");
  return `${query}&_signature=${signature}`;
}

export interface UnsubscribeTarget {
  siteUrl: string;
  method?: string | null;
  email: string;
  referenceDoctype: string;
  referenceName: string;
  /** Extra parameters (Frappe's `unsubscribe_params`), signed with the rest. */
  extra?: Readonly<Record<string, string>>;
}

/** `get_unsubcribed_url`: one recipient's signed link. */
export function unsubscribeUrl(target: UnsubscribeTarget, secret: string): string {
  const params = { email: target.email, doctype: target.referenceDoctype, name: target.referenceName, ...target.extra };
  const method = target.method || DEFAULT_UNSUBSCRIBE_METHOD;
  const path = method.startsWith("/") ? method : `/${method}`;
  return `${target.siteUrl}${path}?${signedParams(params, secret)}`;
}

/** Where the per-recipient values go into a queued message (Frappe's placeholders). */
export const PLACEHOLDERS = {
  tracker: "<!--email_open_check-->",
  unsubscribeUrl: "<!--unsubscribe_url-->",
  ccMessage: "<!--cc_message-->",
  recipient: "<!--recipient-->",
} as const;

/**
 * `get_unsubscribe_message`: the footer block and the text-part line, with placeholders for the
 * per-recipient URL. The URL placeholder starts its own line so quoted-printable wrapping of the
 * stored message never splits it.
 */
export function unsubscribeMessage(message: string | null | undefined, exposeRecipients?: string | null): { html: string; text: string } {
  const label = escapeHtml(message || "Unsubscribe");
  const link = `<a target="_blank" href=\n"${PLACEHOLDERS.unsubscribeUrl}">${label}</a>`;
  const html = `<div class="email-unsubscribe">\n${PLACEHOLDERS.ccMessage}\n<div>\n${link} to stop receiving emails of this type\n</div>\n</div>`;
  const line = `\n\n${message || "Unsubscribe"}:\n${PLACEHOLDERS.unsubscribeUrl}\n`;
  return { html, text: exposeRecipients === "footer" ? `\n${PLACEHOLDERS.ccMessage}${line}` : line };
}
