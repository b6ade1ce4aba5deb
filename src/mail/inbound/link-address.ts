import { scrub } from "../../core/meta";
import type { Site } from "../../core/site";

/** A document named by an automatic-linking address. */
export interface LinkedDocument {
  doctype: string;
  name: string;
}

/** Python's `urllib.parse.unquote` for `%XX` runs (UTF-8); `+` stays as it is. */
function unquote(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ""), "hex").toString("utf8"));
}

/**
 * Frappe's automatic-linking address (P18): `name+DocType+DocName@host`, or the desk's form
 * `name+DocType=DocName@host` (split at the first `=`), both parts URL-decoded. Null for a plain
 * address. Our own parser: adapters may not import the Communication controller's.
 */
export function parseLinkAddress(address: string): LinkedDocument | null {
  const local = address.split("@", 1)[0] ?? "";
  const parts = local.split("+");
  let doctype = "";
  let name = "";
  if (parts.length === 3) {
    doctype = unquote(parts[1] as string);
    name = unquote(parts[2] as string);
  } else if (parts.length === 2) {
    const document = parts[1] as string;
    const eq = document.indexOf("=");
    if (eq < 0) return null;
    doctype = unquote(document.slice(0, eq));
    name = unquote(document.slice(eq + 1));
  }
  return doctype && name ? { doctype, name } : null;
}

/** Automatic linking is on for the site as soon as any Email Account turns it on (as Frappe checks). */
export async function automaticLinkingEnabled(site: Site): Promise<boolean> {
  return (await site.count("Email Account", { enable_automatic_linking: 1 })) > 0;
}

/**
 * The first document named by one of the addresses that exists. The DocType is matched to the
 * site's DocTypes ignoring case and `_`/space (`todo`, `to_do` -> `ToDo`), since addresses are
 * often lower-cased on the way.
 */
export async function documentFromLinkAddresses(site: Site, addresses: readonly string[]): Promise<LinkedDocument | undefined> {
  for (const address of addresses) {
    const link = parseLinkAddress(address);
    if (!link) continue;
    const wanted = scrub(link.doctype);
    const doctype = site.meta.has(link.doctype) ? link.doctype : site.meta.names().find((name) => scrub(name) === wanted);
    if (doctype && site.meta.get(doctype).istable !== 1 && (await site.exists(doctype, link.name))) return { doctype, name: link.name };
  }
  return undefined;
}
