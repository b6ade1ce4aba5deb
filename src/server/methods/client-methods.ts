import type { Doc } from "../../core/doc";
import type { Site, SiteMessage } from "../../core/site";
import { DoesNotExistError, InputError, ValidationError } from "../../errors";
import { asDict } from "../doc-shape";
import { booleanArgument, filtersArgument, jsonArgument, listRequest, runList } from "../list-query";
import { isChildDoctype, saveChildRow } from "./child-row-save";
import type { MethodCall, ServerMethod, ServerMethodTable } from "./server-method";

const WRITE = ["POST", "PUT"] as const;
/** `frappe.model.default_fields + child_table_fields`: set_value refuses them. */
const STANDARD_FIELDS = new Set(["doctype", "name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "parent", "parentfield", "parenttype"]);

function text(args: Record<string, unknown>, key: string): string {
  const value = args[key];
  if (typeof value === "number") return String(value);
  if (typeof value !== "string" || value === "") throw new InputError(`Missing argument "${key}"`);
  return value;
}

/** The `doc` argument of insert/save: a JSON object (or its text) that names its DocType. */
function docArgument(args: Record<string, unknown>): Doc {
  const doc = jsonArgument(args.doc, "doc");
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new InputError('Argument "doc" must be a JSON object');
  if (typeof (doc as Doc).doctype !== "string" || (doc as Doc).doctype === "") throw new InputError('The "doc" argument needs a doctype');
  return { ...(doc as Doc) };
}

/** Child rows are written through their parent here: inserting or setting one directly is refused, clearly. */
function refuseChildDoctype(call: MethodCall, doctype: string): void {
  if (call.ctx.site.meta.has(doctype) && call.ctx.site.meta.get(doctype).istable === 1) {
    throw new InputError(`${doctype} is a child table: save its parent document instead`);
  }
}

/** frappe.client.insert_many's limit per request (frappe/client.py, v15). */
export const INSERT_MANY_LIMIT = 200;

/** The `docs` argument of insert_many: a JSON list (or its text) of docs that each name their DocType. */
function docsArgument(args: Record<string, unknown>): Doc[] {
  const docs = jsonArgument(args.docs, "docs");
  if (docs === undefined || docs === null || docs === "") throw new InputError('Missing argument "docs"');
  if (!Array.isArray(docs)) throw new InputError('Argument "docs" must be a JSON list');
  if (docs.length > INSERT_MANY_LIMIT) throw new ValidationError(`Only ${INSERT_MANY_LIMIT} inserts allowed in one request`);
  return docs.map((doc) => docArgument({ doc }));
}

/**
 * frappe.client.insert_many: the docs inserted in order within one request, which Frappe commits
 * once (a refused doc rolls the whole request back). Here that request is one `transaction` of the
 * served site when it has one (the embedded site: one SQLite commit for the batch); the answer is
 * the list of names.
 */
const insertManyMethod: ServerMethod = {
  http: WRITE,
  async run(call) {
    const docs = docsArgument(call.args);
    for (const doc of docs) refuseChildDoctype(call, doc.doctype);
    const site = call.ctx.site as Site & { transaction?: <T>(body: () => Promise<T>) => Promise<T> };
    const messages: SiteMessage[] = [];
    const insertAll = async (): Promise<string[]> => {
      const names: string[] = [];
      for (const doc of docs) {
        const result = await site.insert(doc);
        messages.push(...result.messages);
        names.push(String(result.doc.name));
      }
      return names;
    };
    const names = typeof site.transaction === "function" ? await site.transaction(insertAll) : await insertAll();
    call.messages.push(...messages);
    return names;
  },
};

/** `get_value`'s fieldname: a JSON list, a JSON string, or a bare field name. */
function fieldnames(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return ["name"];
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      parsed = value;
    }
  }
  if (typeof parsed === "string") return [parsed];
  if (Array.isArray(parsed) && parsed.every((f) => typeof f === "string")) return parsed as string[];
  throw new InputError('Argument "fieldname" must be a field name or a list of them');
}

const getValue: ServerMethod = {
  async run({ ctx, args }) {
    const fields = fieldnames(args.fieldname);
    const asDictRows = booleanArgument(args.as_dict, true);
    const filters = filtersArgument(args.filters);
    const rows = await runList(ctx.site, text(args, "doctype"), {
      args: { fields, ...(filters ? { filters } : {}), limit: 1 },
      asDict: asDictRows,
    });
    const [first] = rows;
    if (asDictRows) return first ?? {};
    if (first === undefined) return undefined;
    return fields.length > 1 ? first : (first as unknown[])[0];
  },
};

/** set_value's `values`: Python's `if not value` decides between `{fieldname: value}` and fieldname-as-dict. */
function setValueChanges(fieldname: unknown, value: unknown): Record<string, unknown> {
  const falsy = value === undefined || value === null || value === "" || value === 0 || value === false;
  if (!falsy) return { [String(fieldname)]: value };
  if (typeof fieldname === "object" && fieldname !== null && !Array.isArray(fieldname)) return { ...(fieldname as Record<string, unknown>) };
  try {
    const parsed = JSON.parse(String(fieldname)) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // A bare field name with no value: Frappe sets it to "".
  }
  return { [String(fieldname)]: "" };
}

/** The `frappe.client` methods (frappe/client.py), the logged-in user, and `frappe.ping`. */
export const CLIENT_METHODS: ServerMethodTable = {
  "frappe.client.get_list": {
    run: ({ ctx, args }) => runList(ctx.site, text(args, "doctype"), listRequest(args, { acceptLimitAlias: false })),
  },
  "frappe.client.get_count": {
    run: ({ ctx, args }) => ctx.site.count(text(args, "doctype"), filtersArgument(args.filters)),
  },
  "frappe.client.get": {
    async run({ ctx, args }) {
      const doctype = text(args, "doctype");
      let name = typeof args.name === "string" && args.name !== "" ? args.name : undefined;
      if (name === undefined) {
        const filters = filtersArgument(args.filters);
        if (!filters) throw new InputError('Missing argument "name"');
        const [row] = await ctx.site.getList(doctype, { fields: ["name"], filters, limit: 1 });
        if (!row) throw new DoesNotExistError(`${doctype} not found`, { doctype });
        name = String(row.name);
      }
      return asDict(await ctx.site.get(doctype, name), ctx.site.meta);
    },
  },
  "frappe.client.get_value": getValue,
  "frappe.client.get_password": {
    async run({ ctx, args }) {
      const doctype = text(args, "doctype");
      const name = text(args, "name");
      // frappe.get_doc comes first there: a missing record is a 404, not "Password not found".
      if (!(await ctx.site.exists(doctype, name))) throw new DoesNotExistError(`${doctype} ${name} not found`, { doctype, docname: name });
      return ctx.site.getPassword(doctype, name, text(args, "fieldname"));
    },
  },
  "frappe.client.insert": {
    http: WRITE,
    async run(call) {
      const doc = docArgument(call.args);
      refuseChildDoctype(call, doc.doctype);
      const result = await call.ctx.site.insert(doc);
      call.messages.push(...result.messages);
      return asDict(result.doc, call.ctx.site.meta);
    },
  },
  "frappe.client.insert_many": insertManyMethod,
  "frappe.client.save": {
    http: WRITE,
    async run(call) {
      const result = await call.ctx.site.save(docArgument(call.args));
      call.messages.push(...result.messages);
      return asDict(result.doc, call.ctx.site.meta);
    },
  },
  "frappe.client.delete": {
    http: ["POST", "DELETE"],
    async run(call) {
      // A missing record answers as the resource DELETE does (frappe.delete_doc raises without a message).
      call.errorRoute = "delete";
      await call.ctx.site.delete(text(call.args, "doctype"), text(call.args, "name"));
      return undefined;
    },
  },
  "frappe.client.set_value": {
    http: WRITE,
    async run(call) {
      const doctype = text(call.args, "doctype");
      const name = text(call.args, "name");
      const fieldname = call.args.fieldname;
      if (fieldname === undefined || fieldname === null || fieldname === "") throw new InputError('Missing argument "fieldname"');
      if (typeof fieldname === "string" && STANDARD_FIELDS.has(fieldname)) throw new ValidationError("Cannot edit standard fields");
      const changes = setValueChanges(fieldname, call.args.value);
      // A child row (e.g. an IMAP Folder's cursor) is set through its parent, as Frappe does.
      const site = call.ctx.site;
      const result = isChildDoctype(site, doctype) ? await saveChildRow(site, doctype, name, changes) : await site.save({ ...changes, doctype, name });
      call.messages.push(...result.messages);
      return asDict(result.doc, call.ctx.site.meta);
    },
  },
  "frappe.auth.get_logged_user": { run: async ({ ctx }) => ctx.caller.user },
  "frappe.ping": { guest: true, run: async () => "pong" },
};

