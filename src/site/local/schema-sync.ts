import type { Database } from "better-sqlite3";
import type { ColumnDef, TableLayout } from "./table-layout";
import { quoteIdent } from "./sql";

/** Frappe's own tables: naming counters and the encrypted secrets of Password fields. */
const SYSTEM_TABLES = [
  `CREATE TABLE IF NOT EXISTS "tabSeries" ("name" TEXT COLLATE NOCASE NOT NULL PRIMARY KEY, "current" INTEGER NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS "__Auth" (
     "doctype" TEXT COLLATE NOCASE NOT NULL, "name" TEXT COLLATE NOCASE NOT NULL, "fieldname" TEXT COLLATE NOCASE NOT NULL,
     "password" TEXT NOT NULL, "encrypted" INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY ("doctype", "name", "fieldname"))`,
];

export function createSystemTables(db: Database): void {
  for (const ddl of SYSTEM_TABLES) db.exec(ddl);
}

/**
 * Text columns compare case-insensitively (NOCASE), as MariaDB's utf8mb4_unicode_ci does on a
 * Frappe site: names, unique values and `=` filters ignore case there too.
 */
function columnSql(column: ColumnDef): string {
  const parts = [quoteIdent(column.name), column.kind === "integer" ? "INTEGER" : column.kind === "real" ? "REAL" : "TEXT COLLATE NOCASE"];
  if (column.notNull) parts.push("NOT NULL");
  if (column.name === "name") parts.push("PRIMARY KEY");
  if (column.defaultSql !== undefined) parts.push(`DEFAULT ${column.defaultSql}`);
  return parts.join(" ");
}

function uniqueIndexName(layout: TableLayout, column: string): string {
  return `${layout.table}.${column}`;
}

function plainIndexName(layout: TableLayout, column: string): string {
  return `${layout.table}.${column}.index`;
}

function existingColumns(db: Database, table: string): Set<string> {
  const rows = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>;
  return new Set(rows.map((r) => r.name));
}

/**
 * Composite and extra indexes that Frappe adds in code (`on_doctype_update`) rather than with
 * `search_index`: the lookups the mail engine makes for every mail (dedup by Message-ID, threading,
 * contacts by address) would otherwise scan the whole table.
 */
const EXTRA_INDEXES: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  Communication: [["reference_doctype", "reference_name"], ["status", "communication_type"], ["message_id"], ["email_account", "imap_folder", "uid"]],
  "Email Queue": [["message_id"], ["status", "send_after", "priority", "creation"]],
  "Contact Email": [["email_id"]],
  "User Email": [["email_account"]],
};

function syncIndexes(db: Database, layout: TableLayout): void {
  const table = quoteIdent(layout.table);
  const present = new Set(
    (db.prepare(`SELECT name FROM pragma_index_list(?)`).all(layout.table) as Array<{ name: string }>).map((r) => r.name),
  );
  for (const column of layout.columns) {
    const unique = uniqueIndexName(layout, column.name);
    const plain = plainIndexName(layout, column.name);
    // NULLs never clash in a UNIQUE index, as on MariaDB: many records may leave the field empty.
    if (column.unique && !present.has(unique)) db.exec(`CREATE UNIQUE INDEX ${quoteIdent(unique)} ON ${table} (${quoteIdent(column.name)})`);
    if (!column.unique && present.has(unique)) db.exec(`DROP INDEX ${quoteIdent(unique)}`);
    if (column.indexed && !present.has(plain)) db.exec(`CREATE INDEX ${quoteIdent(plain)} ON ${table} (${quoteIdent(column.name)})`);
  }
  const columns = new Set(layout.columns.map((column) => column.name));
  for (const fields of EXTRA_INDEXES[layout.doctype] ?? []) {
    const name = `${layout.table}.${fields.join("_")}.extra`;
    if (present.has(name) || !fields.every((field) => columns.has(field))) continue;
    db.exec(`CREATE INDEX ${quoteIdent(name)} ON ${table} (${fields.map(quoteIdent).join(", ")})`);
  }
}

/**
 * Creates the DocType's table, or adds the columns a newer meta brings (ALTER TABLE ADD COLUMN;
 * columns are never dropped, like `bench migrate`), then its indexes.
 */
export function syncTable(db: Database, layout: TableLayout): void {
  db.transaction(() => {
    const present = existingColumns(db, layout.table);
    if (present.size === 0) {
      db.exec(`CREATE TABLE ${quoteIdent(layout.table)} (${layout.columns.map(columnSql).join(", ")})`);
    } else {
      for (const column of layout.columns) {
        if (!present.has(column.name)) db.exec(`ALTER TABLE ${quoteIdent(layout.table)} ADD COLUMN ${columnSql(column)}`);
      }
    }
    syncIndexes(db, layout);
  })();
}

