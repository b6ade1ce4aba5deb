import type { Site } from "../../src/core/site";
import { unquote, unscrub } from "./text";

/**
 * P18 automatic linking: an address such as `erp+Customer+ACME@host` or `erp+customer=ACME@host`
 * names a document the mail is about. The desk shows each document's address in the second form.
 */
export interface AutomaticLink {
  doctype: string;
  docname: string;
}

/**
 * The (DocType, name) pair one address carries, or null for a plain address.
 * `name+DocType+DocName@host` (three `+` parts) or `name+DocType=DocName@host` (two parts, split at
 * the first `=`, a scrubbed DocType such as `sales_order` unscrubbed); both parts URL-decoded. The text before the
 * "@" is used as it is, so `Name <erp+Customer+X@host>` works too.
 */
export function parseAutomaticLinkAddress(address: string): AutomaticLink | null {
  const [localPart = ""] = address.split("@", 1);
  const parts = localPart.split("+");
  let doctype: string | undefined;
  let docname: string | undefined;
  if (parts.length === 3) {
    doctype = unquote(parts[1] as string);
    docname = unquote(parts[2] as string);
  } else if (parts.length === 2) {
    const document = parts[1] as string;
    const eq = document.indexOf("=");
    if (eq < 0) return null;
    const named = unquote(document.slice(0, eq));
    // v15 unscrubs this part, which turns the desk's own `+ToDo=...` into "Todo" and links nothing;
    // only a scrubbed name (all lower case, like `sales_order`) is unscrubbed here.
    doctype = named === named.toLowerCase() ? unscrub(named) : named;
    docname = unquote(document.slice(eq + 1));
  }
  return doctype && docname ? { doctype, docname } : null;
}

/** Every link named in recipients / cc / bcc texts; each text is split on plain commas, as Frappe does. */
export function parseAutomaticLinks(texts: readonly unknown[]): AutomaticLink[] {
  const links: AutomaticLink[] = [];
  for (const text of texts) {
    if (typeof text !== "string" || text === "") continue;
    for (const address of text.split(",")) {
      const link = parseAutomaticLinkAddress(address);
      if (link) links.push(link);
    }
  }
  return links;
}

/** `admin@example.com` for `admin+Doctype+Name@example.com` (Frappe's `get_email_without_link`). */
export function emailWithoutLink(email: string): string {
  const at = email.indexOf("@");
  if (at < 0) return email;
  const [user = ""] = email.slice(0, at).split("+", 1);
  const host = email.slice(at + 1).split("@", 1)[0] ?? "";
  return `${user}@${host}`;
}

/** Automatic linking is on for the whole site as soon as any Email Account, enabled or not, turns it on. */
export async function automaticLinkingEnabled(site: Site): Promise<boolean> {
  const [account] = await site.getList("Email Account", { filters: { enable_automatic_linking: 1 }, limit: 1 });
  return account !== undefined;
}
