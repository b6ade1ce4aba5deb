import type { Doc } from "../core/doc";
import { type DocField, type DocTypeMeta, isTableField } from "../core/meta";
import { DoesNotExistError } from "../errors";

/** Where child-table metas come from: a `getMeta(doctype)` function or a MetaRegistry. */
export type MetaSource = ((doctype: string) => DocTypeMeta) | { get(doctype: string): DocTypeMeta };

/** The meta of `doctype`; without a source it is unknown, as `frappe.get_meta` says. */
export function resolveMeta(source: MetaSource | undefined, doctype: string): DocTypeMeta {
  if (!source) throw new DoesNotExistError(`DocType ${doctype} not found`, { doctype: "DocType", docname: doctype });
  return typeof source === "function" ? source(doctype) : source.get(doctype);
}

export interface ChildRow {
  row: Doc;
  /** Frappe's `idx`: the row's own when set, else its 1-based position in the table. */
  idx: number;
}

export interface ChildRows {
  table: DocField;
  meta: DocTypeMeta;
  rows: ChildRow[];
}

/** Every child table of `doc` that holds a list, with its rows' meta (non-object rows are left to the type checks). */
export function childTables(meta: DocTypeMeta, doc: Doc, source: MetaSource | undefined): ChildRows[] {
  const tables: ChildRows[] = [];
  for (const table of meta.fields.filter(isTableField)) {
    const value = doc[table.fieldname];
    // An empty table needs no meta: records built from literal metas may leave it out.
    if (!Array.isArray(value) || value.length === 0 || !table.options) continue;
    const rows: ChildRow[] = [];
    value.forEach((row: unknown, index) => {
      if (typeof row !== "object" || row === null || Array.isArray(row)) return;
      const own = (row as Doc).idx;
      rows.push({ row: row as Doc, idx: typeof own === "number" && Number.isInteger(own) && own > 0 ? own : index + 1 });
    });
    tables.push({ table, meta: resolveMeta(source, table.options), rows });
  }
  return tables;
}
