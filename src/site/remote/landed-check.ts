import { type Doc, DEFAULT_FIELDS } from "../../core/doc";
import type { MetaRegistry } from "../../core/meta-registry";
import { isTableField } from "../../core/meta";

const STANDARD: ReadonlySet<string> = new Set<string>(DEFAULT_FIELDS);

/** Values as a site stores them: null, undefined and "" are one, numbers and numeric text are one. */
function sameValue(sent: unknown, stored: unknown): boolean {
  const blank = (v: unknown) => v === null || v === undefined || v === "";
  if (blank(sent) || blank(stored)) return blank(sent) && blank(stored);
  if (typeof sent === "object" || typeof stored === "object") return JSON.stringify(sent) === JSON.stringify(stored);
  return String(sent) === String(stored) || (Number(sent) === Number(stored) && !Number.isNaN(Number(sent)));
}

/**
 * True when a save whose answer was lost did land: the stored record moved past the `modified`
 * the save carried, and holds every plain value the save sent. Child tables and Password fields
 * (the site masks them) are not compared.
 */
export function saveLanded(sent: Doc, stored: Doc, meta: MetaRegistry): boolean {
  if (!sent.modified || stored.modified === sent.modified) return false;
  const fields = meta.has(sent.doctype) ? meta.get(sent.doctype).fields : [];
  const skipped = new Set(fields.filter((f) => isTableField(f) || f.fieldtype === "Password").map((f) => f.fieldname));
  return Object.entries(sent).every(([key, value]) => STANDARD.has(key) || skipped.has(key) || Array.isArray(value) || sameValue(value, stored[key]));
}
