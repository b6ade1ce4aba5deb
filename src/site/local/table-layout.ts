import { CHILD_TABLE_FIELDS } from "../../core/doc";
import { type DocField, type DocTypeMeta, isTableField, isValueField } from "../../core/meta";
import { bold, ValidationError } from "../../errors";
import { sqlLiteral, tableName } from "./sql";

/** SQLite storage class of a column: Check/Int are integers, Float/Currency/Percent reals, the rest text. */
export type ColumnKind = "integer" | "real" | "text";

export interface ColumnDef {
  name: string;
  kind: ColumnKind;
  /** Frappe makes numeric columns NOT NULL with a default (frappe/database/schema.py). */
  notNull: boolean;
  /** The DEFAULT clause's constant, already escaped for DDL. */
  defaultSql?: string;
  unique: boolean;
  indexed: boolean;
  /** `_user_tags`, `_comments`, `_assign`, `_liked_by`, `_seen`: not part of `*`, written only when a record carries them. */
  optional: boolean;
  /** The meta field behind the column; absent for the standard columns. */
  field?: DocField;
}

/** How one DocType lies in its `tab<DocType>` table. */
export interface TableLayout {
  doctype: string;
  table: string;
  istable: boolean;
  /** In table order: standard columns, fields in meta order, child columns, optional columns. */
  columns: ColumnDef[];
  byName: ReadonlyMap<string, ColumnDef>;
  tableFields: DocField[];
  passwordFields: DocField[];
  /** The meta object this layout was built from (a new object means the DocType changed). */
  meta: DocTypeMeta;
}

const INTEGER_TYPES = new Set(["Check", "Int"]);
const REAL_TYPES = new Set(["Float", "Currency", "Percent"]);
/** Defaults Frappe resolves per record (frappe/database/database.py DEFAULT_SHORTCUTS), so never a column default. */
const DYNAMIC_DEFAULTS = new Set(["_Today", "__today", "Today", "__user", "Now"]);
const OPTIONAL_COLUMNS = ["_user_tags", "_comments", "_assign", "_liked_by"];
const SPECIAL_CHARACTERS = /[^\p{L}\p{N}_]/gu;

export function columnKind(fieldtype: string): ColumnKind {
  if (INTEGER_TYPES.has(fieldtype)) return "integer";
  if (REAL_TYPES.has(fieldtype)) return "real";
  return "text";
}

function standardColumn(name: string, kind: ColumnKind = "text", optional = false): ColumnDef {
  const numeric = kind !== "text";
  return { name, kind, notNull: numeric, ...(numeric ? { defaultSql: "0" } : {}), unique: false, indexed: false, optional };
}

/** Frappe refuses such fieldnames (frappe/database/schema.py validate_column_name). */
function assertColumnName(fieldname: string): void {
  const special = fieldname.match(SPECIAL_CHARACTERS);
  if (special) {
    const listed = [...new Set(special)].map((c) => `"${c}"`).join(", ");
    throw new ValidationError(`Fieldname ${bold(fieldname)} cannot have special characters like ${listed}`, { field: fieldname });
  }
}

function fieldDefault(field: DocField, kind: ColumnKind): string | undefined {
  const value = field.default;
  if (kind === "integer") return sqlLiteral(Math.trunc(Number(value ?? 0)) || 0);
  if (kind === "real") return sqlLiteral(Number(value ?? 0) || 0);
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value);
  if (DYNAMIC_DEFAULTS.has(text) || text.startsWith(":")) return undefined;
  return sqlLiteral(text);
}

function fieldColumn(field: DocField): ColumnDef {
  assertColumnName(field.fieldname);
  const kind = columnKind(field.fieldtype);
  const defaultSql = fieldDefault(field, kind);
  return {
    name: field.fieldname,
    kind,
    notNull: kind !== "text",
    ...(defaultSql === undefined ? {} : { defaultSql }),
    unique: field.unique === 1,
    indexed: field.search_index === 1,
    optional: false,
    field,
  };
}

/** The table of one DocType, as Frappe's schema sync would create it on MariaDB. */
export function buildTableLayout(meta: DocTypeMeta): TableLayout {
  const istable = meta.istable === 1;
  const columns: ColumnDef[] = [
    { ...standardColumn("name"), notNull: true },
    standardColumn("owner"),
    standardColumn("creation"),
    { ...standardColumn("modified"), indexed: !istable },
    standardColumn("modified_by"),
    standardColumn("docstatus", "integer"),
    standardColumn("idx", "integer"),
  ];
  const taken = new Set(columns.map((c) => c.name));
  for (const field of meta.fields) {
    if (!isValueField(field) || field.is_virtual === 1 || taken.has(field.fieldname)) continue;
    columns.push(fieldColumn(field));
    taken.add(field.fieldname);
  }
  if (istable) {
    for (const name of CHILD_TABLE_FIELDS) {
      if (!taken.has(name)) columns.push({ ...standardColumn(name), indexed: name === "parent" });
    }
  } else {
    const optional = meta.track_seen === 1 ? [...OPTIONAL_COLUMNS, "_seen"] : OPTIONAL_COLUMNS;
    for (const name of optional) if (!taken.has(name)) columns.push(standardColumn(name, "text", true));
  }
  return {
    doctype: meta.name,
    table: tableName(meta.name),
    istable,
    columns,
    byName: new Map(columns.map((c) => [c.name, c])),
    tableFields: meta.fields.filter(isTableField),
    passwordFields: meta.fields.filter((f) => f.fieldtype === "Password"),
    meta,
  };
}
