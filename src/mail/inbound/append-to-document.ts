import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { isFrappeError } from "../../errors";
import { SUBJECT_MAX_LENGTH } from "./header-values";
import { findLeftBehindDocument } from "./left-behind-document";
import type { LinkedDocument } from "./link-address";
import { isSiteUnavailable, mayStillBeRunning } from "./site-unavailable";

/** The sender as the "append to" document and the Communication record it. */
export interface MailSender {
  /** Lower-cased address. */
  address: string;
  /** Display name; "" when the mail gave none (the Communication controller then looks one up). */
  fullName: string;
}

/**
 * Inserts the document; when the site gave no answer (the insert may have landed unseen: such a
 * document has no key the remote site could look for) it looks for the document left behind and
 * sends the insert once more only when none is there and the first one cannot still be running.
 */
async function insertOnce(site: Site, doc: Doc, now: Date): Promise<string> {
  try {
    return cstr((await site.insert(doc, { ignoreMandatory: true })).doc.name);
  } catch (err) {
    if (!isSiteUnavailable(err)) throw err;
    const landed = await findLeftBehindDocument(site, doc, now);
    if (landed) return landed;
    // A timed-out insert may land later: the mail is fetched again and then takes that document.
    if (mayStillBeRunning(err)) throw err;
    return cstr((await site.insert(doc, { ignoreMandatory: true })).doc.name);
  }
}

/**
 * P16: a new document of the Append To DocType for a mail that continues nothing: its subject field
 * = the subject (140 characters), its sender field = the sender address, its sender-name field (when
 * the DocType declares one) = the sender's name; inserted with mandatory checks off, as Frappe does.
 * A document an earlier, cut-short attempt at this mail left behind is taken instead of a second one
 * (left-behind-document.ts). A name clash falls back to the sender's most recently modified document
 * of that DocType.
 */
export async function createAppendToDocument(site: Site, doctype: string, subject: string, sender: MailSender, now: Date = new Date()): Promise<LinkedDocument | undefined> {
  const meta = site.meta.get(doctype);
  const doc: Doc = { doctype };
  if (meta.subject_field) doc[meta.subject_field] = Array.from(subject).slice(0, SUBJECT_MAX_LENGTH).join("");
  if (meta.sender_field) doc[meta.sender_field] = sender.address;
  if (meta.sender_name_field && sender.fullName) doc[meta.sender_name_field] = sender.fullName;
  const leftBehind = await findLeftBehindDocument(site, doc, now);
  if (leftBehind) return { doctype, name: leftBehind };
  try {
    return { doctype, name: await insertOnce(site, doc, now) };
  } catch (err) {
    if (!isFrappeError(err) || err.excType !== "DuplicateEntryError" || !meta.sender_field) throw err;
    const [row] = await site.getList(doctype, { fields: ["name"], filters: { [meta.sender_field]: sender.address }, orderBy: "modified desc", limit: 1 });
    return row ? { doctype, name: cstr(row.name) } : undefined;
  }
}
