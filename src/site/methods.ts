import type { Doc } from "../core/doc";
import type { Filters, ListArgs, MethodTable, Site } from "../core/site";
import { InputError, ValidationError } from "../errors";


function text(args: Record<string, unknown>, key: string): string {
  const value = args[key];
  if (typeof value !== "string" || value === "") throw new InputError(`Missing argument "${key}"`);
  return value;
}

/** Frappe sends JSON arguments as strings over GET; accept both. */
function parsed<T>(value: unknown): T | undefined {
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as T;
    } catch {
      throw new InputError(`Argument is not valid JSON: ${value.slice(0, 80)}`);
    }
  }
  return value as T | undefined;
}

function listArgs(args: Record<string, unknown>): ListArgs {
  const limit = args.limit_page_length ?? args.limit;
  return {
    ...(args.fields === undefined ? {} : { fields: parsed<string[]>(args.fields) as string[] }),
    ...(args.filters === undefined ? {} : { filters: parsed<Filters>(args.filters) as Filters }),
    ...(typeof args.order_by === "string" ? { orderBy: args.order_by } : {}),
    ...(limit === undefined ? {} : { limit: Number(limit) }),
    ...(args.limit_start === undefined ? {} : { start: Number(args.limit_start) }),
  };
}

/** The `frappe.client.*` methods a local site answers the way a Frappe site does. */
export const CLIENT_METHODS: MethodTable = {
  "frappe.client.get_list": (site, args) => site.getList(text(args, "doctype"), listArgs(args)),
  "frappe.client.get_count": (site, args) => site.count(text(args, "doctype"), parsed<Filters>(args.filters)),
  "frappe.client.get": (site, args) => site.get(text(args, "doctype"), text(args, "name")),
  "frappe.client.get_value": async (site, args) => {
    const fieldname = parsed<string | string[]>(args.fieldname) ?? "name";
    const fields = Array.isArray(fieldname) ? fieldname : [fieldname];
    const [row] = await site.getList(text(args, "doctype"), { fields, filters: parsed<Filters>(args.filters) ?? {}, limit: 1 });
    return row ?? {};
  },
  "frappe.client.get_password": (site, args) => site.getPassword(text(args, "doctype"), text(args, "name"), text(args, "fieldname")),
  "frappe.client.insert": async (site, args) => (await site.insert(parsed<Doc>(args.doc) as Doc)).doc,
  "frappe.client.save": async (site, args) => (await site.save(parsed<Doc>(args.doc) as Doc)).doc,
  "frappe.client.delete": async (site, args) => site.delete(text(args, "doctype"), text(args, "name")),
  "frappe.client.set_value": async (site, args) => {
    const doctype = text(args, "doctype");
    const name = text(args, "name");
    const values = parsed<Record<string, unknown>>(args.fieldname);
    const changes = typeof values === "object" && values !== null ? values : { [text(args, "fieldname")]: args.value };
    return (await site.save({ doctype, name, ...changes })).doc;
  },
  "frappe.auth.get_logged_user": async () => "Administrator",
};

/** Runs a method from the table; an unknown name gets Frappe's answer for a missing method. */
export async function callMethod(site: Site, extra: MethodTable, method: string, args: Record<string, unknown>): Promise<unknown> {
  const table: MethodTable = { ...CLIENT_METHODS, ...extra };
  const fn = table[method];
  if (fn) return fn(site, args);
  const dot = method.lastIndexOf(".");
  throw new ValidationError(
    `Failed to get method for command ${method} with module '${method.slice(0, dot)}' has no attribute '${method.slice(dot + 1)}'`,
  );
}
