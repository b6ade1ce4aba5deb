import type { DocField } from "../core/meta";
import { normaliseDate, normaliseDatetime, normaliseTimeText } from "./datetime-text";
import { type ValueKind, valueKind } from "./field-types";

/**
 * Conversion of one scalar value to what its field stores. Returns `{ value }` or
 * `{ problem }` (the "must be ..." part of the DataError message); tables are handled by
 * coerce.ts. See coerce.ts for why this is stricter than Frappe.
 */
export type Coerced = { value: unknown; problem?: undefined } | { problem: string; value?: undefined };

const INTEGER_TEXT = /^[+-]?\d+$/;

/** The "must be ..." text per kind of value, shared with validate.ts's type errors. */
export const EXPECTED: Record<ValueKind, string> = {
  check: "must be 0 or 1",
  int: "must be a whole number",
  float: "must be a number",
  text: "must be text",
  date: "must be a date (YYYY-MM-DD)",
  datetime: "must be a date and time (YYYY-MM-DD HH:MM:SS)",
  time: "must be a time (HH:MM:SS)",
  json: "must be JSON",
  table: "must be a list of rows",
};

export function coerceScalar(field: DocField, value: unknown): Coerced {
  switch (valueKind(field)) {
    case "check":
      return toCheck(value);
    case "int":
      return toInt(value);
    case "float":
      return toFloat(value);
    case "date":
      return toDateLike(value, normaliseDate, EXPECTED.date);
    case "datetime":
      return toDateLike(value, normaliseDatetime, EXPECTED.datetime);
    case "time":
      return toDateLike(value, normaliseTimeText, EXPECTED.time);
    case "json":
      return toJsonText(field, value);
    default:
      return toText(field, value);
  }
}

/** Check: 0/1, true/false or "0"/"1"; null is 0 as Frappe's cint(None). */
function toCheck(value: unknown): Coerced {
  if (value === null || value === 0 || value === false || value === "0") return { value: 0 };
  if (value === 1 || value === true || value === "1") return { value: 1 };
  return { problem: EXPECTED.check };
}

/** Int: whole numbers or their text; "" and null are 0 as the not-null column stores them. */
function toInt(value: unknown): Coerced {
  if (value === null) return { value: 0 };
  if (typeof value === "number") return Number.isSafeInteger(value) ? { value } : { problem: EXPECTED.int };
  if (typeof value === "string") {
    const text = value.trim();
    if (text === "") return { value: 0 };
    const n = Number(text);
    if (INTEGER_TEXT.test(text) && Number.isSafeInteger(n)) return { value: n };
  }
  return { problem: EXPECTED.int };
}

/** Float/Currency/Percent/...: finite numbers or numeric text; "" and null are 0. */
function toFloat(value: unknown): Coerced {
  if (value === null) return { value: 0 };
  if (typeof value === "number") return Number.isFinite(value) ? { value } : { problem: EXPECTED.float };
  if (typeof value === "string") {
    const text = value.trim();
    if (text === "") return { value: 0 };
    const n = Number(text);
    // Number() also reads "0x1f" and "1e3"; only plain decimal text is accepted.
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && Number.isFinite(n)) return { value: n };
  }
  return { problem: EXPECTED.float };
}

/** Date/Datetime/Time: the stored text form; "" is NULL as Frappe's `get_valid_dict` does. */
function toDateLike(value: unknown, normalise: (text: string) => string | undefined, problem: string): Coerced {
  if (value === null || value === "") return { value: null };
  if (typeof value !== "string") return { problem };
  const normalised = normalise(value);
  return normalised === undefined ? { problem } : { value: normalised };
}

/** JSON/Geolocation: objects and lists are stored as their JSON text (Frappe `json.dumps`). */
function toJsonText(field: DocField, value: unknown): Coerced {
  if (value === null) return { value: null };
  if (typeof value === "object") return { value: JSON.stringify(value) };
  if (typeof value !== "string") return { problem: EXPECTED.json };
  if (field.fieldtype === "JSON" && value.trim() !== "") {
    try {
      JSON.parse(value);
    } catch {
      return { problem: EXPECTED.json };
    }
  }
  return { value };
}

/** Text-like fields: strings; numbers become their text as Frappe stores them; Select values are trimmed. */
function toText(field: DocField, value: unknown): Coerced {
  if (value === null) return { value: null };
  if (typeof value === "number") return Number.isFinite(value) ? { value: String(value) } : { problem: EXPECTED.text };
  if (typeof value !== "string") return { problem: EXPECTED.text };
  // `_validate_selects` strips a Select value before checking it against the options.
  return { value: field.fieldtype === "Select" ? value.trim() : value };
}
