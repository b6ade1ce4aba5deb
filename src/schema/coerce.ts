import type { Doc } from "../core/doc";
import { type DocField, type DocTypeMeta, isTableField } from "../core/meta";
import { DataError } from "../errors";
import { coerceScalar, EXPECTED } from "./coerce-value";
import { isLayoutField } from "./field-types";
import { type MetaSource, resolveMeta } from "./meta-source";
import { describeValue, fieldLabel, recordLabel, rowLabel, typeName } from "./record-label";

/**
 * Brings a record's values to the types its DocType stores, in place (returns the same object).
 *
 * Frappe fixes numbers leniently (`_fix_numeric_types`: `cint("yes")` is 0) and silently
 * drops fields it does not know. DELIBERATE DEVIATION: we refuse what Frappe would quietly
 * change, so a typo in a fixture or a CLI argument is reported instead of stored as 0:
 *
 * - Check: 0/1, true/false, "0"/"1" -> 0/1; null -> 0; anything else is a DataError;
 * - Int: whole numbers or their text; Float/Currency/Percent: numbers or numeric text;
 *   "" and null -> 0 (what the not-null column ends up holding);
 * - Date "YYYY-MM-DD", Datetime "YYYY-MM-DD HH:MM:SS[.ffffff]" (ISO "T" accepted and
 *   normalised), Time "HH:MM:SS[.ffffff]"; "" -> null;
 * - text fields: strings; numbers become text as Frappe stores them; objects, lists and
 *   booleans are refused; JSON fields store objects as JSON text;
 * - Table: a list of row objects, each coerced with its own DocType's meta;
 * - unknown fields (not in the meta, not a standard column, not starting with `_`) are refused.
 *
 * Every DataError names the record and the field:
 * `Email Account "Support": field enable_incoming (Enable Incoming) must be 0 or 1, got "yes"`.
 */
export interface CoerceOptions {
  /** Metas of child tables (a `getMeta(doctype)` function or a MetaRegistry). */
  getMeta?: MetaSource;
  /** How messages name the record; default `Email Account "Support"` / `Email Account (new)`. */
  record?: string;
}

/** Standard columns (frappe/model/__init__.py `default_fields`, `child_table_fields`) with Frappe's labels. */
const STANDARD_COLUMNS: Record<string, DocField> = {
  name: { fieldname: "name", fieldtype: "Data", label: "ID" },
  owner: { fieldname: "owner", fieldtype: "Link", label: "Created By" },
  creation: { fieldname: "creation", fieldtype: "Datetime", label: "Created On" },
  modified: { fieldname: "modified", fieldtype: "Datetime", label: "Last Updated On" },
  modified_by: { fieldname: "modified_by", fieldtype: "Link", label: "Last Updated By" },
  docstatus: { fieldname: "docstatus", fieldtype: "Int", label: "Document Status" },
  idx: { fieldname: "idx", fieldtype: "Int", label: "Index" },
  parent: { fieldname: "parent", fieldtype: "Data", label: "Parent" },
  parentfield: { fieldname: "parentfield", fieldtype: "Data", label: "Parent Field" },
  parenttype: { fieldname: "parenttype", fieldtype: "Data", label: "Parent Type" },
};

/** The pseudo-field of a standard column (for messages and type rules), if `key` is one. */
export function standardColumn(key: string): DocField | undefined {
  return Object.prototype.hasOwnProperty.call(STANDARD_COLUMNS, key) ? STANDARD_COLUMNS[key] : undefined;
}

export function isStandardColumn(key: string): boolean {
  return key === "doctype" || Object.prototype.hasOwnProperty.call(STANDARD_COLUMNS, key);
}

/** `_user_tags`, `_seen`, `__islocal`, ...: bookkeeping keys pass through untouched. */
export function isPrivateKey(key: string): boolean {
  return key.startsWith("_");
}

export function coerceTypes<T extends Doc>(meta: DocTypeMeta, doc: T, where: CoerceOptions = {}): T & Doc {
  const label = where.record ?? recordLabel(meta, doc);
  if (doc.doctype !== undefined && doc.doctype !== meta.name) {
    throw new DataError(`${label}: doctype is ${describeValue(undefined, doc.doctype)}, expected ${meta.name}`, { doctype: meta.name, field: "doctype" });
  }
  const fields = new Map(meta.fields.map((f) => [f.fieldname, f]));
  const record = doc as Doc;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined || key === "doctype" || isPrivateKey(key)) continue;
    const field = fields.get(key) ?? standardColumn(key);
    const fail = (problem: string): never => {
      throw new DataError(`${label}: field ${field ? fieldLabel(field) : key} ${problem}, got ${describeValue(field, value)}`, {
        doctype: meta.name,
        ...(typeof doc.name === "string" ? { docname: doc.name } : {}),
        field: key,
      });
    };
    if (!field) throw new DataError(`${label}: unknown field ${key} (not in DocType ${meta.name})`, { doctype: meta.name, field: key });
    if (isTableField(field)) {
      record[key] = coerceRows(field, value, label, where.getMeta, fail);
      continue;
    }
    if (isLayoutField(field)) {
      // A form layout element holds no value; a null sent back by a client is dropped.
      if (value === null) delete record[key];
      else fail(`is a ${field.fieldtype} and holds no value`);
      continue;
    }
    const result = coerceScalar(field, value);
    if (result.problem !== undefined) fail(result.problem);
    if (key === "docstatus" && ![0, 1, 2].includes(result.value as number)) fail("must be 0, 1 or 2");
    record[key] = result.value;
  }
  return doc;
}

function coerceRows(table: DocField, value: unknown, label: string, getMeta: MetaSource | undefined, fail: (problem: string) => never): Doc[] {
  // Frappe's `set` turns a falsy table value into an empty list.
  if (value === null || value === "") return [];
  if (!Array.isArray(value)) return fail(EXPECTED.table);
  if (value.length === 0) return value as Doc[];
  const childDoctype = table.options ?? "";
  const childMeta = resolveMeta(getMeta, childDoctype);
  value.forEach((row: unknown, index) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      fail(`${EXPECTED.table} (row ${index + 1} is a ${typeName(row)})`);
    }
    const child = row as Doc;
    child.doctype ??= childDoctype;
    const position = typeof child.idx === "number" && child.idx > 0 ? child.idx : index + 1;
    coerceTypes(childMeta, child, { getMeta, record: rowLabel(label, childDoctype, position) });
  });
  return value as Doc[];
}
