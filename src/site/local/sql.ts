/** The values better-sqlite3 binds: everything a record column holds. */
export type SqlValue = string | number | bigint | null;

/** A double-quoted SQL identifier; identifiers only ever come from DocType meta, never from a query. */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** Frappe's table name for a DocType: `tabEmail Account`. */
export function tableName(doctype: string): string {
  return `tab${doctype}`;
}

/** A constant for DDL (column defaults), where SQLite does not accept bound parameters. */
export function sqlLiteral(value: string | number): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "0";
  return `'${value.replace(/'/g, "''")}'`;
}
