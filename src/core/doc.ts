/**
 * A record as Frappe hands it around: a plain object with `doctype`, `name` and
 * the standard columns, child tables as arrays of row objects.
 */
export type FieldValue = string | number | null | undefined | Doc[];

export interface Doc {
  doctype: string;
  name?: string;
  owner?: string;
  creation?: string;
  modified?: string;
  modified_by?: string;
  docstatus?: number;
  idx?: number;
  /** Child rows only. */
  parent?: string;
  parentfield?: string;
  parenttype?: string;
  [field: string]: unknown;
}

/** Standard columns every table has (frappe/model/__init__.py `default_fields`). */
export const DEFAULT_FIELDS = ["doctype", "name", "owner", "creation", "modified", "modified_by", "docstatus", "idx"] as const;
/** Extra standard columns of child rows. */
export const CHILD_TABLE_FIELDS = ["parent", "parentfield", "parenttype"] as const;

/** Deep copy of a record (records are plain JSON data). */
export function cloneDoc<T extends Doc>(doc: T): T {
  return structuredClone(doc);
}

/** Frappe's `cint`: int-or-0 (a non-numeric string becomes 0). */
export function cint(value: unknown): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === "string") {
    const n = Number.parseInt(value.trim(), 10);
    return Number.isNaN(n) ? 0 : n;
  }
  return 0;
}

/** Frappe's `cstr` for the values records hold. */
export function cstr(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}
