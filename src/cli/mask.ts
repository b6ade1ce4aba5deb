import type { Doc } from "../core/doc";
import { isTableField } from "../core/meta";
import type { MetaRegistry } from "../core/meta-registry";

/**
 * A copy of `doc` whose Password fields (child rows included) show Frappe's `*` mask instead of
 * their value. Sites already mask what they return; this covers records echoed back from input.
 */
export function maskPasswords(doc: Doc, registry: MetaRegistry): Doc {
  if (typeof doc.doctype !== "string" || !registry.has(doc.doctype)) return doc;
  const meta = registry.get(doc.doctype);
  const copy: Doc = { ...doc };
  for (const field of meta.fields) {
    const value = copy[field.fieldname];
    if (field.fieldtype === "Password" && value !== null && value !== undefined && value !== "") {
      copy[field.fieldname] = "*".repeat(Math.max(String(value).length, 1));
    } else if (isTableField(field) && Array.isArray(value) && field.options && registry.has(field.options)) {
      const childDoctype = field.options;
      copy[field.fieldname] = (value as Doc[]).map((row) =>
        typeof row === "object" && row !== null ? maskPasswords({ ...row, doctype: row.doctype ?? childDoctype }, registry) : row,
      );
    }
  }
  return copy;
}
