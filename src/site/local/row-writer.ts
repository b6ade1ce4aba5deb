import type { Doc } from "../../core/doc";
import { withConstraintErrors } from "./constraint-errors";
import { quoteIdent, type SqlValue } from "./sql";
import type { StoreContext } from "./store-context";
import type { ColumnDef, TableLayout } from "./table-layout";
import { columnValue } from "./value-coercion";

type Row = Record<string, unknown>;

/** The cell for one column; a Password field goes to `__Auth` and the cell keeps its mask. */
function cellValue(ctx: StoreContext, layout: TableLayout, column: ColumnDef, name: string, value: unknown, previous?: Row): SqlValue {
  if (column.field?.fieldtype === "Password") {
    const rowNow = previous?.[column.name];
    return ctx.auth.apply(layout.doctype, name, column.name, value, rowNow === undefined ? undefined : (rowNow as SqlValue));
  }
  return columnValue(column, value);
}

/** After a write the record shows what its Password cells now hold (the mask), never the clear value. */
function showPasswordCells(layout: TableLayout, row: Doc, cells: Map<string, SqlValue>): void {
  for (const field of layout.passwordFields) {
    if (cells.has(field.fieldname)) row[field.fieldname] = cells.get(field.fieldname);
  }
}

/**
 * INSERT of one row: every column of the layout (missing values as Frappe writes them: 0 for
 * numbers, NULL otherwise), optional columns only when given. `previous` is the row this one
 * replaces (child rows on update), whose Password cells a mask keeps.
 */
export function insertRow(ctx: StoreContext, layout: TableLayout, row: Doc, previous?: Row): void {
  const name = String(row.name);
  const cells = new Map<string, SqlValue>();
  for (const column of layout.columns) {
    if (column.optional && row[column.name] === undefined) continue;
    cells.set(column.name, cellValue(ctx, layout, column, name, row[column.name], previous));
  }
  const columns = [...cells.keys()];
  const sql =
    `INSERT INTO ${quoteIdent(layout.table)} (${columns.map(quoteIdent).join(", ")}) ` +
    `VALUES (${columns.map(() => "?").join(", ")})`;
  const nameTaken = () => ctx.statements.get(`SELECT 1 FROM ${quoteIdent(layout.table)} WHERE "name" = ?`).get(name) !== undefined;
  withConstraintErrors(layout, name, () => ctx.statements.get(sql).run(...cells.values()), nameTaken);
  showPasswordCells(layout, row, cells);
}

/**
 * UPDATE of the columns `values` carries (undefined means "leave as stored"; null clears). `stored`
 * is the current row. Returns false when there was nothing to write.
 */
export function updateRow(ctx: StoreContext, layout: TableLayout, values: Doc, stored: Row): boolean {
  const name = String(stored.name);
  const cells = new Map<string, SqlValue>();
  for (const column of layout.columns) {
    if (column.name === "name" || values[column.name] === undefined) continue;
    cells.set(column.name, cellValue(ctx, layout, column, name, values[column.name], stored));
  }
  if (cells.size === 0) return false;
  const assignments = [...cells.keys()].map((c) => `${quoteIdent(c)} = ?`).join(", ");
  const sql = `UPDATE ${quoteIdent(layout.table)} SET ${assignments} WHERE "name" = ?`;
  withConstraintErrors(layout, name, () => ctx.statements.get(sql).run(...cells.values(), name));
  showPasswordCells(layout, values, cells);
  return true;
}
