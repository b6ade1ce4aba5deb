import type { Doc } from "../../src/core/doc";

/** The Communication's `timeline_links` rows (Communication Link): the documents its timeline shows up on. */
export function timelineLinks(doc: Doc): Doc[] {
  if (!Array.isArray(doc.timeline_links)) doc.timeline_links = [];
  return doc.timeline_links as Doc[];
}

/** Frappe's `add_link`: appends a row with the DocType and name only (Frappe sets no link_title here). */
export function addTimelineLink(doc: Doc, linkDoctype: string, linkName: string): void {
  timelineLinks(doc).push({ doctype: "Communication Link", link_doctype: linkDoctype, link_name: linkName });
}

/**
 * Frappe's `deduplicate_timeline_links`: one row per (DocType, name). Frappe rebuilds the rows from a
 * set, in no particular order; we keep the first row of each pair, so order and row names stay stable.
 */
export function deduplicateTimelineLinks(doc: Doc): void {
  const seen = new Set<string>();
  doc.timeline_links = timelineLinks(doc).filter((row) => {
    const key = JSON.stringify([row.link_doctype ?? null, row.link_name ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
