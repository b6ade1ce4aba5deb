import { cint } from "../../core/doc";
import type { Filters, ListArgs } from "../../core/site";
import { fieldNotPermitted, type SqlFragment, whereSql } from "./filters";
import { quoteIdent, type SqlValue } from "./sql";
import type { TableLayout } from "./table-layout";

/** Frappe's list page size when none is asked for. */
export const DEFAULT_PAGE_LENGTH = 20;

/**
 * A column named in `fields` or `orderBy`: `field`, `` `field` `` or `` `tabDocType`.`field` ``.
 * Only names the layout has pass; anything else (including SQL) is Frappe's DataError.
 */
export function resolveColumn(layout: TableLayout, raw: string): string {
  const text = raw.trim();
  const match = /^(?:`?tab([^`.]+)`?\.)?`?([^`.]+)`?$/.exec(text);
  if (!match || (match[1] !== undefined && match[1] !== layout.doctype)) throw fieldNotPermitted(text);
  const column = match[2] ?? "";
  if (!layout.byName.has(column)) throw fieldNotPermitted(text);
  return column;
}

/** The columns of a `SELECT`: default `name`; `*` is every standard and field column (not `_user_tags` & co, as a site answers). */
export function selectColumns(layout: TableLayout, fields: string[] | undefined): string[] {
  const columns: string[] = [];
  for (const field of fields && fields.length > 0 ? fields : ["name"]) {
    if (field.trim() === "*") columns.push(...layout.columns.filter((c) => !c.optional).map((c) => c.name));
    else columns.push(resolveColumn(layout, field));
  }
  return [...new Set(columns)];
}

/** `"modified desc, name asc"` as SQL; every part must be a known column with an optional direction. */
export function orderBySql(layout: TableLayout, orderBy: string): string {
  return orderBy
    .split(",")
    .map((part) => {
      const match = /^(.+?)(?:\s+(asc|desc))?$/i.exec(part.trim());
      if (!match?.[1]) throw fieldNotPermitted(part.trim());
      const direction = (match[2] ?? "asc").toUpperCase();
      return `t.${quoteIdent(resolveColumn(layout, match[1]))} ${direction}`;
    })
    .join(", ");
}

/** The DocType's own sort order (sort_field / sort_order), else `modified desc`. */
function defaultOrderBy(layout: TableLayout): string {
  const field = typeof layout.meta.sort_field === "string" ? layout.meta.sort_field : "";
  const order = typeof layout.meta.sort_order === "string" ? layout.meta.sort_order : "desc";
  if (field) {
    try {
      return orderBySql(layout, field.includes(",") ? field : `${field} ${order}`);
    } catch {
      // A sort field the table lacks falls back like an unsorted DocType.
    }
  }
  return orderBySql(layout, "modified desc");
}

export interface ListQuery extends SqlFragment {
  columns: string[];
}

export function listQuery(layout: TableLayout, args: ListArgs, childLayout: (doctype: string) => TableLayout): ListQuery {
  const columns = selectColumns(layout, args.fields);
  const where = whereSql(layout, args.filters, childLayout);
  const order = args.orderBy && args.orderBy.trim() !== "" ? orderBySql(layout, args.orderBy) : defaultOrderBy(layout);
  const limit = args.limit === undefined || args.limit === null ? DEFAULT_PAGE_LENGTH : Math.max(cint(args.limit), 0);
  const start = Math.max(cint(args.start), 0);
  const params: SqlValue[] = [...where.params];
  let sql = `SELECT ${columns.map((c) => `t.${quoteIdent(c)}`).join(", ")} FROM ${quoteIdent(layout.table)} AS t`;
  if (where.sql) sql += ` WHERE ${where.sql}`;
  sql += ` ORDER BY ${order}`;
  if (limit > 0 || start > 0) {
    // SQLite wants a LIMIT before an OFFSET; -1 means no limit.
    sql += " LIMIT ? OFFSET ?";
    params.push(limit > 0 ? limit : -1, start);
  }
  return { sql, params, columns };
}

export function countQuery(layout: TableLayout, filters: Filters | undefined, childLayout: (doctype: string) => TableLayout): SqlFragment {
  const where = whereSql(layout, filters, childLayout);
  const sql = `SELECT COUNT(*) AS n FROM ${quoteIdent(layout.table)} AS t${where.sql ? ` WHERE ${where.sql}` : ""}`;
  return { sql, params: where.params };
}
