import type { Doc } from "../../core/doc";
import { InputError, isFrappeError } from "../../errors";
import type { RequestBody } from "../body";
import { asDictWithoutNulls } from "../doc-shape";
import { frappeErrorReply, guestResourceReply } from "../error-body";
import { listRequest, runList } from "../list-query";
import { dataReply, withMessages } from "../reply";
import type { Reply, RequestContext, Route } from "../types";

/**
 * `/api/resource/{DocType}` and `/api/resource/{DocType}/{name}` as frappe/api/v1.py serves them:
 * answers in `data`, documents without null columns, DELETE answering 202 "ok". Guest gets the
 * 403 of a site whose DocTypes grant Guest nothing.
 */

/** `get_request_form_data`: a `data` field (JSON text or object) when given, else the JSON body, else the form. */
function documentData(body: RequestBody): Record<string, unknown> {
  let data: unknown = body.args.data !== undefined ? body.args.data : (body.json ?? body.args);
  if (typeof data === "string") {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      data = body.args;
    }
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new InputError("The request body must be a JSON object holding the document");
  const copy = { ...(data as Record<string, unknown>) };
  delete copy.doctype;
  delete copy.flags;
  return copy;
}

type Handler = (ctx: RequestContext, doctype: string, name: string) => Promise<Reply>;

const list: Handler = async (ctx, doctype) => {
  const args: Record<string, unknown> = {};
  for (const [key, value] of ctx.query) args[key] = value;
  return dataReply(await runList(ctx.site, doctype, listRequest(args, { acceptLimitAlias: true })));
};

const insert: Handler = async (ctx, doctype) => {
  const data = documentData(await ctx.readBody());
  const result = await ctx.site.insert({ ...data, doctype } as Doc);
  return withMessages(dataReply(asDictWithoutNulls(result.doc, ctx.site.meta)), result.messages);
};

const read: Handler = async (ctx, doctype, name) => dataReply(asDictWithoutNulls(await ctx.site.get(doctype, name), ctx.site.meta));

const update: Handler = async (ctx, doctype, name) => {
  const data = documentData(await ctx.readBody());
  // The record is the one in the path; a `name` in the body does not rename it.
  delete data.name;
  const result = await ctx.site.save({ ...data, doctype, name } as Doc);
  return withMessages(dataReply(asDictWithoutNulls(result.doc, ctx.site.meta)), result.messages);
};

const remove: Handler = async (ctx, doctype, name) => {
  try {
    await ctx.site.delete(doctype, name);
  } catch (err) {
    // frappe.delete_doc raises a bare DoesNotExistError: the 404 carries only exc_type (16e).
    if (isFrappeError(err)) return frappeErrorReply(err, "delete");
    throw err;
  }
  return dataReply("ok", 202);
};

function route(method: string, path: string, oneRecord: boolean, handler: Handler): Route {
  return {
    method,
    path,
    auth: "token",
    async handle(ctx) {
      const doctype = ctx.params.doctype ?? "";
      if (ctx.caller.isGuest) return guestResourceReply(doctype, oneRecord);
      return handler(ctx, doctype, ctx.params.name ?? "");
    },
  };
}

export function resourceRoutes(): Route[] {
  return [
    route("GET", "/api/resource/:doctype", false, list),
    route("POST", "/api/resource/:doctype", false, insert),
    route("GET", "/api/resource/:doctype/:name+", true, read),
    route("PUT", "/api/resource/:doctype/:name+", true, update),
    route("DELETE", "/api/resource/:doctype/:name+", true, remove),
  ];
}
