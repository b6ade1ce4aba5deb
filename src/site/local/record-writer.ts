import { cloneDoc, type Doc } from "../../core/doc";
import { DataError, DoesNotExistError, TimestampMismatchError } from "../../errors";
import { deleteChildRows, prepareChildRows, writeChildRows } from "./child-rows";
import { fieldNotPermitted } from "./filters";
import { readRow } from "./record-reader";
import { insertRow, updateRow } from "./row-writer";
import { quoteIdent } from "./sql";
import type { StoreContext } from "./store-context";
import type { TableLayout } from "./table-layout";

/** The user Frappe writes when a record names none. */
const DEFAULT_USER = "Administrator";

function notFound(doctype: string, name: string): DoesNotExistError {
  return new DoesNotExistError(`${doctype} ${name} not found`, { doctype, docname: name });
}

function nameOf(doc: Doc): string {
  const name = doc.name;
  if ((typeof name !== "string" && typeof name !== "number") || String(name) === "") {
    throw new DataError(`Cannot write a ${doc.doctype} without a name`);
  }
  return String(name);
}

/**
 * Writes a new record and its child rows in one step. Missing standard columns are filled as
 * `db_insert` does; afterwards `doc` shows what was stored (Password masks, child row names).
 */
export function insertRecord(ctx: StoreContext, doc: Doc): void {
  const layout = ctx.layouts.get(String(doc.doctype));
  const name = nameOf(doc);
  const prepared = cloneDoc(doc);
  prepared.owner ??= DEFAULT_USER;
  prepared.creation ??= ctx.timestamp();
  prepared.modified ??= prepared.creation;
  prepared.modified_by ??= prepared.owner;
  prepared.docstatus ??= 0;
  prepared.idx ??= 0;
  ctx.db.transaction(() => {
    insertRow(ctx, layout, prepared);
    for (const table of layout.tableFields) {
      const rows = prepareChildRows(prepared, table, prepared[table.fieldname]);
      prepared[table.fieldname] = rows;
      writeChildRows(ctx, layout, name, table, rows, false);
    }
  })();
  Object.assign(doc, prepared);
}

/** The parent values a replaced child row falls back on (the record may carry only some of them). */
function parentForChildren(layout: TableLayout, prepared: Doc, stored: Record<string, unknown>): Doc {
  return {
    doctype: layout.doctype,
    name: String(stored.name),
    owner: prepared.owner ?? (stored.owner as string | undefined),
    creation: prepared.creation ?? (stored.creation as string | undefined),
    modified: prepared.modified,
    modified_by: prepared.modified_by ?? (stored.modified_by as string | undefined),
    docstatus: prepared.docstatus ?? (stored.docstatus as number | undefined),
  };
}

/**
 * Writes the columns `doc` carries over the stored record (a key left undefined keeps its stored
 * value, null clears it) and replaces the rows of every Table field it carries. With
 * `expectedModified`, a stored `modified` that differs is Frappe's TimestampMismatchError, whose
 * message shows the stored and the new `modified` (document.py `check_if_latest`).
 */
export function updateRecord(ctx: StoreContext, doc: Doc, expectedModified?: string): void {
  const layout = ctx.layouts.get(String(doc.doctype));
  const name = nameOf(doc);
  const prepared = cloneDoc(doc);
  ctx.db.transaction(() => {
    const stored = readRow(ctx, layout, name);
    if (!stored) throw notFound(layout.doctype, name);
    prepared.modified ??= ctx.timestamp();
    if (expectedModified !== undefined && String(stored.modified) !== expectedModified) {
      throw new TimestampMismatchError(
        `Error: Document has been modified after you have opened it (${String(stored.modified)}, ${String(prepared.modified)}). ` +
          "Please refresh to get the latest document.",
        { doctype: layout.doctype, docname: name },
      );
    }
    updateRow(ctx, layout, prepared, stored);
    const parent = parentForChildren(layout, prepared, stored);
    for (const table of layout.tableFields) {
      if (prepared[table.fieldname] === undefined) continue;
      const rows = prepareChildRows(parent, table, prepared[table.fieldname]);
      prepared[table.fieldname] = rows;
      writeChildRows(ctx, layout, String(stored.name), table, rows, true);
    }
  })();
  Object.assign(doc, prepared);
}

/** Removes a record, its child rows and every secret stored for it. */
export function deleteRecord(ctx: StoreContext, doctype: string, name: string): void {
  const layout = ctx.layouts.get(doctype);
  ctx.db.transaction(() => {
    const stored = readRow(ctx, layout, name);
    if (!stored) throw notFound(doctype, name);
    const storedName = String(stored.name);
    deleteChildRows(ctx, layout, storedName);
    ctx.auth.removeRecord(doctype, storedName);
    ctx.statements.get(`DELETE FROM ${quoteIdent(layout.table)} WHERE "name" = ?`).run(storedName);
  })();
}

export interface SetValueOptions {
  updateModified?: boolean;
  modified?: string;
}

/** `frappe.db.set_value`: the given columns only, no child rows; Password fields still go through `__Auth`. */
export function setRecordValues(ctx: StoreContext, doctype: string, name: string, values: Record<string, unknown>, options: SetValueOptions = {}): void {
  const layout = ctx.layouts.get(doctype);
  const changes: Doc = { doctype };
  for (const [field, value] of Object.entries(values)) {
    if (field === "name" || !layout.byName.has(field)) throw fieldNotPermitted(field);
    changes[field] = value === undefined ? null : value;
  }
  ctx.db.transaction(() => {
    const stored = readRow(ctx, layout, name);
    if (!stored) throw notFound(doctype, name);
    if (options.updateModified !== false && changes.modified === undefined) changes.modified = options.modified ?? ctx.timestamp();
    updateRow(ctx, layout, changes, stored);
  })();
}
