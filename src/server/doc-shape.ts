import type { Doc } from "../core/doc";
import { isTableField, isValueField } from "../core/meta";
import type { MetaRegistry } from "../core/meta-registry";

/**
 * Frappe answers a document in two shapes. `/api/resource` returns the Document object, which its JSON
 * encoder writes with `as_dict(no_nulls=True)`; `frappe.client.insert/save/get/set_value` return
 * `doc.as_dict()`, every column included, nulls too. Key order as a v15 site writes it: the standard
 * columns, the fields in DocType order, (child rows) parent/parentfield/parenttype, `doctype`, then the tables.
 */

const STANDARD = ["name", "owner", "creation", "modified", "modified_by", "docstatus", "idx"] as const;
const CHILD_COLUMNS = ["parent", "parentfield", "parenttype"] as const;

function shape(doc: Doc, registry: MetaRegistry, nulls: boolean, isChild: boolean): Record<string, unknown> {
  const meta = registry.has(doc.doctype) ? registry.get(doc.doctype) : undefined;
  const out: Record<string, unknown> = {};
  const put = (key: string) => {
    const value = doc[key];
    if (value === undefined || value === null) {
      if (nulls) out[key] = null;
      return;
    }
    out[key] = value;
  };
  for (const key of STANDARD) put(key);
  const valueFields = meta ? meta.fields.filter((f) => isValueField(f)).map((f) => f.fieldname) : [];
  for (const key of valueFields) put(key);
  if (isChild) for (const key of CHILD_COLUMNS) put(key);
  const tables = meta ? meta.fields.filter((f) => isTableField(f)) : [];
  const known = new Set<string>([...STANDARD, ...valueFields, ...CHILD_COLUMNS, "doctype", ...tables.map((f) => f.fieldname)]);
  // Columns the DocType JSON does not list (e.g. `_user_tags`) keep their place before `doctype`.
  for (const key of Object.keys(doc)) if (!known.has(key)) put(key);
  out.doctype = doc.doctype;
  for (const table of tables) {
    const rows = doc[table.fieldname];
    if (!Array.isArray(rows)) {
      if (nulls) out[table.fieldname] = [];
      continue;
    }
    out[table.fieldname] = (rows as Doc[]).map((row) =>
      shape({ ...row, doctype: row.doctype ?? table.options ?? "" }, registry, nulls, true),
    );
  }
  return out;
}

/** `doc.as_dict()`: every column, nulls included (the frappe.client methods' answer). */
export function asDict(doc: Doc, registry: MetaRegistry): Record<string, unknown> {
  return shape(doc, registry, true, false);
}

/** `as_dict(no_nulls=True)`: what `/api/resource` and a returned Document (upload_file) answer. */
export function asDictWithoutNulls(doc: Doc, registry: MetaRegistry): Record<string, unknown> {
  return shape(doc, registry, false, false);
}
