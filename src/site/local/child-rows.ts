import { randomInt } from "node:crypto";
import { cint, type Doc } from "../../core/doc";
import type { DocField } from "../../core/meta";
import { DataError } from "../../errors";
import { readChildRows } from "./record-reader";
import { quoteIdent } from "./sql";
import type { StoreContext } from "./store-context";
import type { TableLayout } from "./table-layout";
import { insertRow } from "./row-writer";

const NAME_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A new child row's name: 10 random characters of [0-9a-z], like the names Frappe gives rows. */
export function randomRowName(length = 10): string {
  let name = "";
  for (let i = 0; i < length; i++) name += NAME_ALPHABET[randomInt(NAME_ALPHABET.length)];
  return name;
}

/**
 * The rows of one Table field, completed as Frappe's `set_parent_in_children` would: parent
 * columns, a name for new rows, `idx` from the position when missing, and the parent's user and
 * timestamps where a row has none. Works on copies; the rows given stay as they are.
 */
export function prepareChildRows(parent: Doc, table: DocField, value: unknown): Doc[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || value.some((row) => typeof row !== "object" || row === null || Array.isArray(row))) {
    throw new DataError(`Value for ${table.label ?? table.fieldname} must be a list of rows`, { field: table.fieldname });
  }
  return (value as Doc[]).map((row, index) => ({
    ...row,
    doctype: String(table.options),
    name: typeof row.name === "string" && row.name !== "" ? row.name : randomRowName(),
    parent: String(parent.name),
    parentfield: table.fieldname,
    parenttype: parent.doctype,
    idx: cint(row.idx) > 0 ? cint(row.idx) : index + 1,
    owner: row.owner ?? parent.owner,
    creation: row.creation ?? parent.creation,
    modified: row.modified ?? parent.modified,
    modified_by: row.modified_by ?? parent.modified_by,
    docstatus: row.docstatus ?? parent.docstatus ?? 0,
  }));
}

function deleteChildrenSql(child: TableLayout, withField: boolean): string {
  return `DELETE FROM ${quoteIdent(child.table)} WHERE "parent" = ? AND "parenttype" = ?${withField ? ` AND "parentfield" = ?` : ""}`;
}

/**
 * Writes the rows of one Table field. With `replace`, the field's stored rows are swapped for these:
 * rows keeping their name keep their Password secrets, rows that went away lose theirs.
 */
export function writeChildRows(ctx: StoreContext, parent: TableLayout, parentName: string, table: DocField, rows: Doc[], replace: boolean): void {
  const child = ctx.layouts.get(String(table.options));
  const previous = new Map<string, Record<string, unknown>>();
  if (replace) {
    for (const row of readChildRows(ctx, child, parentName, parent.doctype, table.fieldname)) previous.set(String(row.name), row);
    ctx.statements.get(deleteChildrenSql(child, true)).run(parentName, parent.doctype, table.fieldname);
  }
  for (const row of rows) insertRow(ctx, child, row, previous.get(String(row.name)));
  if (child.passwordFields.length > 0) {
    const kept = new Set(rows.map((row) => String(row.name)));
    for (const name of previous.keys()) if (!kept.has(name)) ctx.auth.removeRecord(child.doctype, name);
  }
}

/** Removes every child row of a record (all its Table fields) with their secrets. */
export function deleteChildRows(ctx: StoreContext, parent: TableLayout, parentName: string): void {
  const done = new Set<string>();
  for (const table of parent.tableFields) {
    const doctype = String(table.options);
    if (done.has(doctype)) continue;
    done.add(doctype);
    const child = ctx.layouts.get(doctype);
    if (child.passwordFields.length > 0) {
      const sql = `SELECT "name" FROM ${quoteIdent(child.table)} WHERE "parent" = ? AND "parenttype" = ?`;
      for (const row of ctx.statements.get(sql).all(parentName, parent.doctype) as Array<{ name: string }>) {
        ctx.auth.removeRecord(doctype, row.name);
      }
    }
    ctx.statements.get(deleteChildrenSql(child, false)).run(parentName, parent.doctype);
  }
}
