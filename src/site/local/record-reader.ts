import type { Doc } from "../../core/doc";
import { quoteIdent } from "./sql";
import type { StoreContext } from "./store-context";
import type { TableLayout } from "./table-layout";

type Row = Record<string, unknown>;

/** SELECT of the layout's columns: columns a newer file kept after a field was removed stay hidden. */
export function selectSql(layout: TableLayout, where: string): string {
  return `SELECT ${layout.columns.map((c) => quoteIdent(c.name)).join(", ")} FROM ${quoteIdent(layout.table)} WHERE ${where}`;
}

/** A stored row as Frappe's JSON shows it: NULL columns left out, then `doctype`. */
function asDoc(layout: TableLayout, row: Row): Doc {
  const doc: Row = {};
  for (const [key, value] of Object.entries(row)) if (value !== null) doc[key] = value;
  doc.doctype = layout.doctype;
  return doc as Doc;
}

/** The stored row itself, NULLs included, or undefined. */
export function readRow(ctx: StoreContext, layout: TableLayout, name: string): Row | undefined {
  return ctx.statements.get(selectSql(layout, `"name" = ?`)).get(name) as Row | undefined;
}

/** The rows of one Table field, in `idx` order. */
export function readChildRows(ctx: StoreContext, child: TableLayout, parent: string, parenttype: string, parentfield: string): Row[] {
  const sql = `${selectSql(child, `"parent" = ? AND "parenttype" = ? AND "parentfield" = ?`)} ORDER BY "idx" ASC`;
  return ctx.statements.get(sql).all(parent, parenttype, parentfield) as Row[];
}

/** A record with its child rows, as a site's GET answers it (Password fields hold their mask). */
export function readRecord(ctx: StoreContext, layout: TableLayout, name: string): Doc | undefined {
  const row = readRow(ctx, layout, name);
  if (!row) return undefined;
  const doc = asDoc(layout, row);
  const storedName = String(row.name);
  for (const table of layout.tableFields) {
    const child = ctx.layouts.get(String(table.options));
    doc[table.fieldname] = readChildRows(ctx, child, storedName, layout.doctype, table.fieldname).map((r) => asDoc(child, r));
  }
  return doc;
}
