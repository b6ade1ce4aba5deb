import type { Doc } from "../core/doc";
import { type DocField, type DocTypeMeta, isTableField, isValueField } from "../core/meta";
import type { MetaRegistry } from "../core/meta-registry";

/** Field types a site stores as numbers: a missing value reads as 0, "1" and 1 are one. */
const NUMERIC_TYPES: ReadonlySet<string> = new Set(["Check", "Int", "Long Int", "Float", "Currency", "Percent", "Rating", "Duration"]);
/** Time stamps a site may write with or without trailing zeros in the fraction ("10:00:00" and "10:00:00.000000"). */
const TIME_TYPES: ReadonlySet<string> = new Set(["Datetime", "Time"]);

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

/** A field's value as two sites can be compared on: numbers as numbers, blanks as one, time stamps without trailing zeros. */
export function comparableValue(field: DocField, value: unknown): string | number {
  if (NUMERIC_TYPES.has(field.fieldtype)) {
    if (isBlank(value)) return 0;
    const number = Number(value);
    return Number.isNaN(number) ? String(value) : number;
  }
  if (isBlank(value)) return "";
  if (typeof value === "object") return JSON.stringify(value);
  const text = String(value);
  return TIME_TYPES.has(field.fieldtype) ? text.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "") : text;
}

export function sameFieldValue(field: DocField, a: unknown, b: unknown): boolean {
  return comparableValue(field, a) === comparableValue(field, b);
}

/** The fields of `meta` that hold a value in the record's own row (not tables, not layout). */
export function valueFields(meta: DocTypeMeta): DocField[] {
  return meta.fields.filter((field) => isValueField(field) && field.fieldname !== "");
}

export function tableFields(meta: DocTypeMeta): DocField[] {
  return meta.fields.filter(isTableField);
}

export function rowsOf(value: unknown): Doc[] {
  return Array.isArray(value) ? (value as Doc[]).filter((row) => typeof row === "object" && row !== null) : [];
}

/** A child row's own values (no name, parent, idx or time stamps): what two copies of the row must agree on. */
export function rowValues(row: Doc, childMeta: DocTypeMeta, omit: readonly string[] = []): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const field of valueFields(childMeta)) {
    if (!omit.includes(field.fieldname)) values[field.fieldname] = comparableValue(field, row[field.fieldname]);
  }
  return values;
}

/** The rows of a Table field as comparable values, in order, without the `omit` fields of its child DocType. */
export function tableValues(rows: unknown, table: DocField, meta: MetaRegistry, omit: (childDoctype: string) => readonly string[] = () => []): Array<Record<string, string | number>> {
  const childMeta = meta.get(String(table.options));
  const left = omit(childMeta.name);
  return rowsOf(rows).map((row) => rowValues(row, childMeta, left));
}
