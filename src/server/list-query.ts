import { cint, type Doc } from "../core/doc";
import type { FilterCondition, Filters, ListArgs, Site } from "../core/site";
import { DataError, InputError } from "../errors";

/** A list request as `frappe.client.get_list` takes it (also what `/api/resource/{DocType}` forwards). */
export interface ListRequest {
  args: ListArgs;
  orFilters?: Filters;
  asDict: boolean;
}

/** Arguments arrive as JSON text over GET and forms, as JSON values in a JSON body. */
export function jsonArgument(value: unknown, name: string): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // The value itself is not echoed: an argument may carry a secret.
    throw new InputError(`Argument ${name} is not valid JSON`);
  }
}

/** Frappe's `sbool`: "0", "false" (any case) and false are false; "1", "true" and true are true. */
export function booleanArgument(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === "") return fallback;
  if (typeof value === "boolean") return value;
  const text = String(value).trim().toLowerCase();
  if (text === "0" || text === "false") return false;
  if (text === "1" || text === "true") return true;
  return fallback;
}

function fieldsArgument(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  // get_list also takes "name, email_id" (a plain comma list) as well as a JSON list.
  const parsed = typeof value === "string" && !value.trim().startsWith("[") ? value.split(",") : jsonArgument(value, "fields");
  const list = typeof parsed === "string" ? [parsed] : parsed;
  if (!Array.isArray(list) || !list.every((f) => typeof f === "string")) throw new DataError("fields must be a list of field names");
  return list.map((f) => f.trim());
}

/** `get_safe_filters`: JSON when it parses; a bare name otherwise (get_value's `{name: ...}`). */
export function filtersArgument(value: unknown, name = "filters"): Filters | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return { name: value };
    }
  }
  if (typeof parsed === "string") return { name: parsed };
  if (typeof parsed !== "object" || parsed === null) throw new DataError(`${name} must be a JSON object or list`);
  return parsed as Filters;
}

/**
 * The list arguments of a request. `limit` counts only where Frappe reads it (the resource list);
 * `frappe.client.get_list` ignores it, as its signature has no such parameter.
 */
export function listRequest(raw: Record<string, unknown>, options: { acceptLimitAlias: boolean }): ListRequest {
  const groupBy = raw.group_by;
  if (typeof groupBy === "string" && groupBy.trim() !== "") throw new DataError("group_by is not supported by this site");
  const fields = fieldsArgument(raw.fields);
  const filters = filtersArgument(raw.filters);
  const orFilters = filtersArgument(raw.or_filters, "or_filters");
  // The resource list's `setdefault("limit_page_length", limit or limit_page_length or 20)`.
  const alias = options.acceptLimitAlias && raw.limit !== "" && raw.limit !== 0 ? raw.limit : undefined;
  const pageLength = raw.limit_page_length ?? alias ?? 20;
  const orderBy = typeof raw.order_by === "string" && raw.order_by.trim() !== "" ? raw.order_by : undefined;
  return {
    args: {
      ...(fields ? { fields } : {}),
      ...(filters ? { filters } : {}),
      ...(orderBy ? { orderBy } : {}),
      limit: cint(pageLength === "" ? 20 : pageLength),
      start: cint(raw.limit_start),
    },
    ...(orFilters ? { orFilters } : {}),
    asDict: booleanArgument(raw.as_dict, true),
  };
}

/** Either filter form as a list of conditions. */
function conditions(filters: Filters | undefined): FilterCondition[] {
  if (!filters) return [];
  if (Array.isArray(filters)) return [...filters];
  return Object.entries(filters).map(([field, value]) =>
    Array.isArray(value) ? ([field, String(value[0]), value[1]] as FilterCondition) : ([field, "=", value] as FilterCondition),
  );
}

/**
 * Runs the list. `or_filters` (any one must hold) is answered through the Site interface alone:
 * the names matching each alternative are collected, then the page is read with `name in (...)`,
 * so ordering and paging stay the site's.
 */
export async function runList(site: Site, doctype: string, request: ListRequest): Promise<Doc[] | unknown[][]> {
  let rows: Doc[];
  const alternatives = conditions(request.orFilters);
  if (alternatives.length === 0) {
    rows = await site.getList(doctype, request.args);
  } else {
    const base = conditions(request.args.filters);
    const names = new Set<string>();
    for (const alternative of alternatives) {
      const matching = await site.getList(doctype, { fields: ["name"], filters: [...base, alternative], limit: 0 });
      for (const row of matching) names.add(String(row.name));
    }
    rows = names.size === 0 ? [] : await site.getList(doctype, { ...request.args, filters: [...base, ["name", "in", [...names]]] });
  }
  return request.asDict ? rows : rows.map((row) => Object.values(row));
}
