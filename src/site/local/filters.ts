import type { Filters } from "../../core/site";
import { DataError, ValidationError } from "../../errors";
import { quoteIdent, type SqlValue } from "./sql";
import type { ColumnDef, TableLayout } from "./table-layout";
import { flt } from "./value-coercion";

/** One condition in Frappe's long form: `[doctype, field, operator, value]`. */
export interface FilterTerm {
  doctype: string;
  field: string;
  operator: string;
  value: unknown;
}

export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}

export const FILTER_OPERATORS = ["=", "!=", ">", "<", ">=", "<=", "like", "not like", "in", "not in", "is", "between"] as const;
const OPERATORS: ReadonlySet<string> = new Set(FILTER_OPERATORS);
const COMPARISONS = new Set(["=", "!=", ">", "<", ">=", "<="]);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Frappe's `DataError` for a field the query may not name (frappe/desk/reportview.py). */
export function fieldNotPermitted(field: string): DataError {
  return new DataError(`Field not permitted in query: ${field}`, { field });
}

function operatorOf(raw: unknown): string {
  const operator = String(raw ?? "=").trim().toLowerCase();
  if (!OPERATORS.has(operator)) throw new ValidationError(`Operator must be one of ${FILTER_OPERATORS.join(", ")}`);
  return operator;
}

/** Both of Frappe's filter forms, `{f: v}` / `{f: [op, v]}` and `[[f, op, v]]` / `[[doctype, f, op, v]]`, as long terms. */
export function normaliseFilters(doctype: string, filters: Filters | undefined | null): FilterTerm[] {
  if (!filters) return [];
  if (!Array.isArray(filters)) {
    return Object.entries(filters).map(([field, value]) =>
      Array.isArray(value)
        ? { doctype, field, operator: operatorOf(value[0]), value: value[1] }
        : { doctype, field, operator: "=", value },
    );
  }
  return (filters as unknown[]).map((condition) => {
    if (!Array.isArray(condition) || (condition.length !== 3 && condition.length !== 4)) {
      throw new DataError(`Filter must have 4 values (doctype, fieldname, operator, value): ${JSON.stringify(condition)}`);
    }
    const [a, b, c, d] = condition as unknown[];
    return condition.length === 3
      ? { doctype, field: String(a), operator: operatorOf(b), value: c }
      : { doctype: String(a), field: String(b), operator: operatorOf(c), value: d };
  });
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function listOf(value: unknown): unknown[] {
  const values = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : value == null ? [] : [value];
  const trimmed = values.map((v) => (typeof v === "string" ? v.trim() : v));
  return trimmed.length > 0 ? trimmed : [""];
}

/** Datetime columns take a date-only bound as the whole day, as Frappe's `get_between_date_filter` does. */
function betweenBounds(column: ColumnDef, value: unknown): [SqlValue, SqlValue] {
  const bounds = Array.isArray(value) ? value : typeof value === "string" ? value.split(",").map((v) => v.trim()) : [];
  if (bounds.length !== 2) throw new ValidationError(`The between filter on ${column.name} needs two values`);
  if (column.kind !== "text") return [flt(bounds[0]), flt(bounds[1])];
  const [from, to] = bounds.map(textOf) as [string, string];
  const isDatetime = column.field?.fieldtype === "Datetime" || column.name === "creation" || column.name === "modified";
  if (!isDatetime) return [from, to];
  return [DATE_ONLY.test(from) ? `${from} 00:00:00.000000` : from, DATE_ONLY.test(to) ? `${to} 23:59:59.999999` : to];
}

/**
 * One condition with Frappe's NULL rule: a NULL text cell counts as '' (its `ifnull(col, '')`), so
 * `!= 'x'` also finds empty cells. The column itself stays on the left so its NOCASE collation applies.
 * Every value is a bound parameter.
 */
export function conditionSql(columnSql: string, column: ColumnDef, operator: string, value: unknown, params: SqlValue[]): string {
  const numeric = column.kind !== "text";
  const bind = (v: unknown): SqlValue => (numeric ? flt(v) : textOf(v));
  const nullAsEmpty = (test: (operand: string) => string, values: SqlValue[]): string => {
    if (numeric) {
      params.push(...values);
      return test(columnSql);
    }
    params.push(...values, ...values);
    return `(${test(columnSql)} OR (${columnSql} IS NULL AND ${test("''")}))`;
  };

  if (COMPARISONS.has(operator)) return nullAsEmpty((x) => `${x} ${operator} ?`, [bind(value)]);
  if (operator === "like" || operator === "not like") {
    const op = operator.toUpperCase();
    return nullAsEmpty((x) => `${x} ${op} ? ESCAPE '\\'`, [textOf(value)]);
  }
  if (operator === "in" || operator === "not in") {
    const values = listOf(value).map(bind);
    const marks = values.map(() => "?").join(", ");
    const op = operator.toUpperCase();
    return nullAsEmpty((x) => `${x} ${op} (${marks})`, values);
  }
  if (operator === "is") {
    const wanted = textOf(value).toLowerCase();
    if (wanted !== "set" && wanted !== "not set") throw new ValidationError(`The is filter on ${column.name} takes "set" or "not set"`);
    const empty = numeric ? "0" : "''";
    return wanted === "set"
      ? `(${columnSql} IS NOT NULL AND ${columnSql} != ${empty})`
      : `(${columnSql} IS NULL OR ${columnSql} = ${empty})`;
  }
  // between: a NULL cell never lies between two values.
  params.push(...betweenBounds(column, value));
  return `${columnSql} BETWEEN ? AND ?`;
}

function columnOf(layout: TableLayout, field: string): ColumnDef {
  const column = layout.byName.get(field);
  if (!column) throw fieldNotPermitted(field);
  return column;
}

/**
 * The WHERE clause for `filters` on `layout` (aliased `t`). A term naming one of the record's child
 * DocTypes matches records having at least one such row, as Frappe's join on the child table does.
 */
export function whereSql(layout: TableLayout, filters: Filters | undefined, childLayout: (doctype: string) => TableLayout): SqlFragment {
  const params: SqlValue[] = [];
  const parts = normaliseFilters(layout.doctype, filters).map((term) => {
    if (term.doctype === layout.doctype) {
      const column = columnOf(layout, term.field);
      return conditionSql(`t.${quoteIdent(column.name)}`, column, term.operator, term.value, params);
    }
    const table = layout.tableFields.find((f) => f.options === term.doctype);
    if (!table) throw fieldNotPermitted(term.field);
    const child = childLayout(term.doctype);
    const column = columnOf(child, term.field);
    params.push(layout.doctype);
    const inner = conditionSql(`c.${quoteIdent(column.name)}`, column, term.operator, term.value, params);
    return `EXISTS (SELECT 1 FROM ${quoteIdent(child.table)} AS c WHERE c."parent" = t."name" AND c."parenttype" = ? AND ${inner})`;
  });
  return { sql: parts.length > 0 ? parts.join(" AND ") : "", params };
}
