import { cint } from "../../core/doc";
import type { SqlValue } from "./sql";
import type { ColumnDef } from "./table-layout";

const DATE_TYPES = new Set(["Date", "Datetime", "Time"]);

/** Frappe's `flt` without precision: numbers pass, numeric text is parsed (thousands commas dropped), the rest is 0. */
export function flt(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const n = Number(value.replace(/,/g, "").trim());
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

/** Anything a record may hold, as a value SQLite can bind (objects become JSON, as Frappe's JSON fields do). */
export function toSqlValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "bigint") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? 1 : 0;
  return JSON.stringify(value);
}

/**
 * The value Frappe writes for a column (base_document.py `get_valid_dict`): Check is 0/1, Int an
 * integer, Float-like a number (empty ones 0), an empty date or an empty unique value NULL.
 */
export function columnValue(column: ColumnDef, value: unknown): SqlValue {
  const fieldtype = column.field?.fieldtype;
  if (fieldtype === "Check") return cint(value) ? 1 : 0;
  if (column.kind === "integer") return typeof value === "number" && Number.isInteger(value) ? value : cint(value);
  if (column.kind === "real") return flt(value);
  if (fieldtype && DATE_TYPES.has(fieldtype) && value === "") return null;
  if (column.unique && (value === null || value === undefined || String(value).trim() === "")) return null;
  // better-sqlite3 binds every JS number as a double, which a TEXT column would keep as "18025.0".
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return toSqlValue(value);
}
