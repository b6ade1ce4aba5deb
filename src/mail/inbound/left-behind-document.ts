import { formatDatetime } from "../../core/datetime";
import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { SUBJECT_MATCH_DAYS } from "./subject-match";

/** Candidates looked at; an earlier attempt leaves one, a sender's thread a handful. */
const MAX_CANDIDATES = 20;

/**
 * An "append to" document that an earlier attempt at this mail created and then left without its
 * Communication: on a site without transactions a run cut short (a kill, a site that stopped
 * answering, a lost answer) keeps what it wrote. It is the document of `doc`'s DocType with the
 * same subject and sender, created in the last 60 days (the subject-match window), that no
 * Communication references. Found, it is taken instead of creating a second one. Undefined when the
 * DocType has no subject or sender field or the sender is unknown: nothing identifies the document.
 */
export async function findLeftBehindDocument(site: Site, doc: Doc, now: Date): Promise<string | undefined> {
  const meta = site.meta.get(doc.doctype);
  const subjectField = meta.subject_field;
  const senderField = meta.sender_field;
  if (!subjectField || !senderField || cstr(doc[senderField]) === "" || cstr(doc[subjectField]) === "") return undefined;
  const since = new Date(now.getTime() - SUBJECT_MATCH_DAYS * 24 * 60 * 60 * 1000);
  const candidates = await site.getList(doc.doctype, {
    fields: ["name"],
    filters: [
      [subjectField, "=", doc[subjectField]],
      [senderField, "=", doc[senderField]],
      ["creation", ">", formatDatetime(since)],
    ],
    orderBy: "creation asc",
    limit: MAX_CANDIDATES,
  });
  const names = candidates.map((row) => cstr(row.name)).filter((name) => name !== "");
  if (names.length === 0) return undefined;
  const referenced = await site.getList("Communication", {
    fields: ["reference_name"],
    filters: [
      ["reference_doctype", "=", doc.doctype],
      ["reference_name", "in", names],
    ],
    limit: 0,
  });
  const taken = new Set(referenced.map((row) => cstr(row.reference_name)));
  return names.find((name) => !taken.has(name));
}
