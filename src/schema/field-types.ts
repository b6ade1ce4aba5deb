import type { DocField } from "../core/meta";

/**
 * What each Frappe fieldtype holds, and the column it gets on MariaDB
 * (frappe/database/mariadb/database.py `type_map`, frappe/database/schema.py `get_definition`).
 */
export type ValueKind = "check" | "int" | "float" | "text" | "date" | "datetime" | "time" | "json" | "table";

const KIND_BY_TYPE: Record<string, ValueKind> = {
  Check: "check",
  Int: "int",
  "Long Int": "int",
  Float: "float",
  Currency: "float",
  Percent: "float",
  Duration: "float",
  Rating: "float",
  Date: "date",
  Datetime: "datetime",
  Time: "time",
  JSON: "json",
  Geolocation: "json",
  Table: "table",
  "Table MultiSelect": "table",
};

/** Types with no column at all (layout and display only). */
const LAYOUT_TYPES = new Set(["Section Break", "Column Break", "Tab Break", "HTML", "Button", "Image", "Fold", "Heading"]);

/** varchar(140) columns: `length` on the field replaces the 140. */
const VARCHAR_TYPES = new Set(["Data", "Link", "Dynamic Link", "Select", "Read Only", "Color", "Icon", "Phone", "Autocomplete"]);
/** MariaDB `text`: at most 65535 bytes; `length` has no effect on it. */
const TEXT_TYPES = new Set(["Small Text", "Text", "Password", "Attach", "Attach Image"]);

export const VARCHAR_LENGTH = 140;
export const TEXT_LENGTH = 65535;
/** Frappe's `max_positive_value` for int columns (bigint when `length` > 11). */
export const INT_MAX = 2 ** 31 - 1;
export const BIGINT_MAX = Number.MAX_SAFE_INTEGER;

/** What a value field holds; layout fields have no kind. Unknown types are treated as text. */
export function valueKind(field: DocField): ValueKind | undefined {
  if (LAYOUT_TYPES.has(field.fieldtype)) return undefined;
  return KIND_BY_TYPE[field.fieldtype] ?? "text";
}

export function isLayoutField(field: DocField): boolean {
  return LAYOUT_TYPES.has(field.fieldtype);
}

/** The column's column type family, as Frappe's `_validate_length` reads it. */
export function columnFamily(field: DocField): "varchar" | "text" | "longtext" | "int" | "other" {
  if (VARCHAR_TYPES.has(field.fieldtype)) return "varchar";
  if (TEXT_TYPES.has(field.fieldtype)) return "text";
  if (field.fieldtype === "Int" || field.fieldtype === "Long Int") return "int";
  if (valueKind(field) === "text") return "longtext";
  return "other";
}

/**
 * Longest text the column takes: varchar uses `length` or 140; text 65535 (Frappe itself
 * leaves that to the database, we check it up front); longtext has no practical limit.
 */
export function maxTextLength(field: DocField): number | undefined {
  const family = columnFamily(field);
  if (family === "varchar") return positiveInt(field.length) ?? VARCHAR_LENGTH;
  if (family === "text") return TEXT_LENGTH;
  return undefined;
}

/** Largest absolute value of an Int column. */
export function maxIntValue(field: DocField): number {
  return field.fieldtype === "Long Int" || (positiveInt(field.length) ?? 0) > 11 ? BIGINT_MAX : INT_MAX;
}

function positiveInt(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A Select's options in order (the first may be ""); none for `[Select]`/`Loading...` placeholders. */
export function selectOptions(field: DocField): string[] | undefined {
  const options = field.options;
  if (field.fieldtype !== "Select" || typeof options !== "string" || options === "") return undefined;
  if (options === "[Select]" || options === "Loading...") return undefined;
  return options.split("\n");
}
