import { cstr, type Doc } from "../../core/doc";
import type { MetaRegistry } from "../../core/meta-registry";
import type { Filters, Site } from "../../core/site";

/**
 * The filters that find the record a site already stores for `doc`, when `doc` has a natural key:
 * - a Communication: its `message_id` within its `email_account` (one mail, one record per account);
 * - an Unhandled Email: its `message_id` and `uid` within its `email_account` (one refused mail, kept once);
 * - a DocType named from a field (`field:email_account_name`) or by the user (`Prompt`): the name;
 * - else a `unique` field that holds a value (Email Account `email_id`).
 * Undefined when nothing identifies the record before the site names it (a hash or series name).
 */
export function naturalKeyFilters(doc: Doc, meta: MetaRegistry): Filters | undefined {
  if (doc.doctype === "Communication") {
    const messageId = cstr(doc.message_id).trim();
    // An empty email_account matches a NULL one too: Frappe (and the local site) compare ifnull(col, '').
    return messageId ? { message_id: messageId, email_account: cstr(doc.email_account) } : undefined;
  }
  if (doc.doctype === "Unhandled Email") {
    const messageId = cstr(doc.message_id).trim();
    return messageId ? { message_id: messageId, uid: cstr(doc.uid), email_account: cstr(doc.email_account) } : undefined;
  }
  if (!meta.has(doc.doctype)) return undefined;
  const docMeta = meta.get(doc.doctype);
  const autoname = cstr(docMeta.autoname).trim();
  if (autoname.toLowerCase().startsWith("field:")) {
    const name = cstr(doc[autoname.slice("field:".length).trim()]).trim();
    if (name) return { name };
  }
  if (autoname.toLowerCase() === "prompt" && cstr(doc.name).trim()) return { name: cstr(doc.name).trim() };
  for (const field of docMeta.fields) {
    if (field.unique === 1 && field.fieldname && cstr(doc[field.fieldname]).trim()) return { [field.fieldname]: cstr(doc[field.fieldname]).trim() };
  }
  return undefined;
}

/**
 * The stored record with `doc`'s natural key (the oldest, should there be several), in full;
 * undefined when there is none or `doc` has no natural key. The mail engine uses it to skip a
 * message it already stored; the remote site uses it before repeating an insert whose answer was lost.
 */
export async function findStoredRecord(site: Site, doc: Doc): Promise<Doc | undefined> {
  const filters = naturalKeyFilters(doc, site.meta);
  if (!filters) return undefined;
  const [row] = await site.getList(doc.doctype, { fields: ["name"], filters, orderBy: "creation asc, name asc", limit: 1 });
  return row && typeof row.name === "string" ? site.get(doc.doctype, row.name) : undefined;
}

/**
 * After an insert was sent again because the first answer was lost (and the first copy had not
 * shown up yet), the first copy may land after all. When more than one record has the key and
 * ours is not the oldest, ours is deleted and the oldest kept; an older record is never deleted.
 */
export async function keepOldestCopy(site: Site, doc: Doc, ours: Doc): Promise<Doc> {
  const filters = naturalKeyFilters(doc, site.meta);
  if (!filters || typeof ours.name !== "string") return ours;
  const copies = await site.getList(doc.doctype, { fields: ["name"], filters, orderBy: "creation asc, name asc", limit: 0 });
  const oldest = copies[0];
  if (!oldest || copies.length < 2 || oldest.name === ours.name) return ours;
  await site.delete(doc.doctype, ours.name);
  return site.get(doc.doctype, String(oldest.name));
}
