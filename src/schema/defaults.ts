import { formatDate, formatDatetime } from "../core/datetime";
import { cint, type Doc } from "../core/doc";
import { type DocField, type DocTypeMeta, isTableField } from "../core/meta";
import { isLayoutField, selectOptions, valueKind } from "./field-types";
import { type MetaSource, resolveMeta } from "./meta-source";

export interface DefaultsOptions {
  /** The clock for `Now`, `Today` and Time fields (default: the current time). */
  now?: Date;
  /** The session user for `__user` defaults (default: Administrator). */
  user?: string;
  /** Metas of child tables, to fill defaults on new child rows. */
  getMeta?: MetaSource;
}

/** Field types that end up 0, never NULL, when a new record leaves them empty. */
const ZERO_WHEN_EMPTY = new Set(["Check", "Int", "Long Int", "Float", "Currency", "Percent", "Rating"]);

/**
 * Fills a NEW record's missing values (absent or null) the way Frappe's new-doc template does
 * (frappe/model/create_new.py + `Document._set_defaults`), in place; returns the same object.
 *
 * - a field's `default`, typed (Check/Int -> integer, Float/Currency/Percent -> number, else text);
 *   `__user` -> the user, `Today` -> today's date, Datetime `Now` -> now;
 *   `:DocType` defaults (read from another record) are left to the caller;
 * - the title field gets no static default (Frappe skips it);
 * - a Select without a default -> its first option (which may be "");
 * - numeric fields without a default -> 0 (Check via `_fix_numeric_types`, the others
 *   through the not-null column default that a saved record then shows);
 * - every Time field -> the current time (Frappe's template sets it unconditionally);
 * - Data, Text, Link and the like without a default stay absent;
 * - child tables default to []; new rows (without a name) get their own DocType's defaults.
 */
export function applyDefaults<T extends Doc>(meta: DocTypeMeta, doc: T, options: DefaultsOptions = {}): T & Doc {
  const now = options.now ?? new Date();
  const user = options.user ?? "Administrator";
  for (const field of meta.fields) {
    if (isTableField(field)) {
      fillChildRows(field, doc, options);
      continue;
    }
    if (isLayoutField(field) || !isMissing(doc[field.fieldname])) continue;
    const value = defaultValue(meta, field, now, user);
    if (value !== undefined) (doc as Doc)[field.fieldname] = value;
  }
  return doc;
}

function isMissing(value: unknown): boolean {
  return value === null || value === undefined;
}

function defaultValue(meta: DocTypeMeta, field: DocField, now: Date, user: string): string | number | undefined {
  if (field.fieldtype === "Time") return formatDatetime(now).slice(11);
  const isTitle = field.fieldname === meta.title_field;
  const raw = isTitle ? undefined : staticDefault(field, now, user);
  if (raw !== undefined) return typed(field, raw);
  if (ZERO_WHEN_EMPTY.has(field.fieldtype)) return 0;
  return undefined;
}

/** Frappe's `get_static_default_value` plus the dynamic `Now` of Datetime fields. */
function staticDefault(field: DocField, now: Date, user: string): string | undefined {
  const def = field.default;
  if (def !== undefined && def !== null && String(def) !== "") {
    const text = String(def);
    if (text === "__user") return user;
    if (text === "Today") return formatDate(now);
    if (field.fieldtype === "Datetime" && text.toLowerCase() === "now") return formatDatetime(now);
    if (text.startsWith(":")) return undefined;
    return text;
  }
  return selectOptions(field)?.[0];
}

/** `_fix_numeric_types` applied to a default given as text in the DocType JSON. */
function typed(field: DocField, raw: string): string | number {
  const kind = valueKind(field);
  if (kind === "check") return cint(raw) ? 1 : 0;
  if (kind === "int") return cint(raw);
  if (kind === "float") {
    const n = Number.parseFloat(raw);
    return Number.isFinite(n) ? n : 0;
  }
  return raw;
}

function fillChildRows(table: DocField, doc: Doc, options: DefaultsOptions): void {
  const rows = doc[table.fieldname];
  if (isMissing(rows)) {
    doc[table.fieldname] = [];
    return;
  }
  if (!Array.isArray(rows) || !table.options) return;
  const isNewRow = (row: unknown): row is Doc =>
    typeof row === "object" && row !== null && !Array.isArray(row) && (!(row as Doc).name || Boolean((row as Doc).__islocal));
  const newRows = rows.filter(isNewRow);
  if (newRows.length === 0) return;
  const childMeta = resolveMeta(options.getMeta, table.options);
  for (const row of newRows) applyDefaults(childMeta, row, options);
}
