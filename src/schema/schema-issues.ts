import type { ErrorObject } from "ajv";
import type { DocField } from "../core/meta";
import { bold, CharacterLengthExceededError, DataError, ValidationError } from "../errors";
import { standardColumn } from "./coerce";
import { EXPECTED } from "./coerce-value";
import { compileDocType } from "./compile";
import { columnFamily, valueKind } from "./field-types";
import { describeValue, fieldLabel, recordLabel, rowLabel } from "./record-label";
import { errorOptions, frappeLabel, type RecordIssue, toIssue, type ValidationTarget } from "./validation-target";

/** The ajv findings for one record, sorted into the steps of Frappe's `_validate` they belong to. */
export interface SchemaIssues {
  /** Wrong types, bad date text, unknown fields: our DataError (Frappe would coerce or drop). */
  types: RecordIssue[];
  /** `_validate_selects`. */
  selects: RecordIssue[];
  /** `_validate_length`. */
  lengths: RecordIssue[];
}

/** Longest value text a length message repeats (Frappe repeats it whole; text columns can be huge). */
const MAX_SHOWN = 200;

export function schemaIssues(target: ValidationTarget): SchemaIssues {
  const result: SchemaIssues = { types: [], selects: [], lengths: [] };
  const { validate } = compileDocType(target.meta);
  if (validate(target.doc)) return result;
  const fields = new Map(target.meta.fields.map((f) => [f.fieldname, f]));
  const label =
    target.parent && target.parentMeta
      ? rowLabel(recordLabel(target.parentMeta, target.parent), target.meta.name, target.idx ?? 0)
      : recordLabel(target.meta, target.doc);
  const seen = new Set<string>();

  for (const error of validate.errors ?? []) {
    if (error.keyword === "required") continue; // mandatory.ts words these the way Frappe does
    const key = error.keyword === "additionalProperties" ? String(error.params.additionalProperty) : topKey(error);
    if (seen.has(key)) continue; // one finding per field: the first (usually its type) says enough
    seen.add(key);
    const field = fields.get(key);
    const column = field ?? standardColumn(key);
    const value = target.doc[key];
    const options = errorOptions(target, key);

    if (error.keyword === "additionalProperties") {
      const message = `${label}: unknown field ${key} (not in DocType ${target.meta.name})`;
      result.types.push(toIssue(target, new DataError(message, options), key));
    } else if (field && error.keyword === "enum") {
      result.selects.push(toIssue(target, selectError(field, target, String(value)), key));
    } else if (field && isLengthError(field, error)) {
      result.lengths.push(toIssue(target, lengthError(field, target, value, error), key));
    } else if (key === "doctype") {
      const message = `${label}: doctype is ${describeValue(undefined, value)}, expected ${target.meta.name}`;
      result.types.push(toIssue(target, new DataError(message, options), key));
    } else {
      // A DocType field gets our usual wording; a standard column ajv's own ("must be <= 2").
      const expected = field ? EXPECTED[valueKind(field) ?? "text"] : (error.message ?? "has a wrong value");
      const message = `${label}: field ${column ? fieldLabel(column) : key} ${expected}, got ${describeValue(field, value)}`;
      result.types.push(toIssue(target, new DataError(message, options), key));
    }
  }
  // A Select value with spaces around an option is fine: Frappe strips it before comparing.
  result.selects = result.selects.filter((issue) => !isTrimmedOption(fields.get(issue.field ?? ""), target.doc[issue.field ?? ""]));
  return result;
}

/** "/enable_incoming" or "/imap_folder/0" -> the record's own key. */
function topKey(error: ErrorObject): string {
  return error.instancePath.split("/")[1] ?? "";
}

function isLengthError(field: DocField, error: ErrorObject): boolean {
  if (error.keyword === "maxLength") return true;
  return valueKind(field) === "int" && (error.keyword === "maximum" || error.keyword === "minimum");
}

function isTrimmedOption(field: DocField | undefined, value: unknown): boolean {
  if (!field || typeof value !== "string" || value.trim() === value) return false;
  const options = typeof field.options === "string" ? field.options.split("\n") : [];
  return options.includes(value.trim());
}

/** `_validate_selects`; the empty prefix of a parent record leaves Frappe's leading space in place. */
function selectError(field: DocField, target: ValidationTarget, value: string): ValidationError {
  const prefix = target.table ? `Row #${target.idx ?? 0}:` : "";
  const options = (field.options ?? "").split("\n");
  const message = `${prefix} ${frappeLabel(field)} cannot be "${value.trim()}". It should be one of "${options.join('", "')}"`;
  return new ValidationError(message, errorOptions(target, field.fieldname));
}

/** `throw_length_exceeded_error`: CharacterLengthExceededError titled "Value too big". */
function lengthError(field: DocField, target: ValidationTarget, value: unknown, error: ErrorObject): CharacterLengthExceededError {
  const reference = target.table ? `${target.meta.name}, Row ${target.idx ?? 0}` : `${target.meta.name} ${String(target.doc.name ?? "None")}`;
  const limit = error.keyword === "maxLength" ? Number(error.params.limit) : Math.abs(Number(error.params.limit));
  let shown = field.fieldtype === "Password" ? "(hidden)" : String(value);
  // Frappe itself only checks varchar columns and repeats the value whole; text columns are our addition.
  if (shown.length > MAX_SHOWN && columnFamily(field) === "text") shown = `${shown.slice(0, MAX_SHOWN)}...`;
  const message = `${reference}: '${bold(frappeLabel(field))}' (${shown}) will get truncated, as max characters allowed is ${limit}`;
  return new CharacterLengthExceededError(message, errorOptions(target, field.fieldname, "Value too big"));
}
