import { bold, isFrappeError, PermissionError } from "../../errors";
import { frappeErrorReply } from "../error-body";
import type { MethodCall, ServerMethodTable } from "../methods/server-method";
import { messageReply, withMessages } from "../reply";
import type { Reply, RequestContext, Route } from "../types";

/** `@frappe.whitelist()` without `methods=`: these HTTP methods. */
const DEFAULT_HTTP = ["GET", "POST", "PUT", "DELETE"];

/**
 * Functions a Frappe site has but does not whitelist: asked for, they get Frappe's "not whitelisted"
 * answer (16f) rather than the one for a function that does not exist.
 */
const NOT_WHITELISTED = new Set([
  "frappe.get_doc",
  "frappe.get_list",
  "frappe.get_all",
  "frappe.get_value",
  "frappe.new_doc",
  "frappe.delete_doc",
  "frappe.rename_doc",
  "frappe.get_meta",
  "frappe.sendmail",
  "frappe.db.sql",
  "frappe.db.get_value",
  "frappe.db.set_value",
  "frappe.db.delete",
  "frappe.client.insert_doc",
  "frappe.client.delete_doc",
  "frappe.utils.password.get_decrypted_password",
]);

function notWhitelisted(method: string): PermissionError {
  const summary = "You are not permitted to access this resource.";
  const detail = `Function ${bold(method)} is not whitelisted.`;
  return new PermissionError(`<details><summary>${summary}</summary>${detail}</details>`, { title: "Method Not Allowed" });
}

/** Query parameters as Frappe's `form_dict` holds them (the last of repeated keys wins). */
function queryArgs(query: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of query) args[key] = value;
  return args;
}

/**
 * `/api/method/<dotted.path>`: a method of `table` (the frappe.client methods, upload_file), else the
 * site's own whitelisted methods (`site.call`, e.g. the Email Account module's). A Guest may call
 * only methods marked `guest`; for any other name it gets the "not whitelisted" answer, whether or not
 * the method exists here (Frappe would first say "Failed to get method" for a missing one; we do not
 * tell anonymous callers which methods exist).
 */
export function methodRoute(table: ServerMethodTable): Route {
  return {
    method: "*",
    path: "/api/method/:method+",
    auth: "token",
    async handle(ctx: RequestContext): Promise<Reply> {
      // `/api/method/x/anything` is Frappe's backward-compatible form of `/api/method/x`.
      const name = (ctx.params.method ?? "").split("/")[0] ?? "";
      const entry = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
      if (ctx.caller.isGuest && !entry?.guest) throw notWhitelisted(name);
      if (NOT_WHITELISTED.has(name)) throw notWhitelisted(name);
      if (!(entry?.http ?? DEFAULT_HTTP).includes(ctx.method)) throw new PermissionError("Not permitted");

      const body = await ctx.readBody();
      try {
        // Frappe's form_dict: the query first, then the body's fields.
        const args = { ...queryArgs(ctx.query), ...body.args };
        delete args.cmd;
        if (!entry) return messageReply(await ctx.site.call(name, args));
        const call: MethodCall = { ctx, args, messages: [], ...(body.file ? { file: body.file } : {}) };
        try {
          return withMessages(messageReply(await entry.run(call)), call.messages);
        } catch (err) {
          // Anything untyped goes on to the dispatcher, which logs it and answers a generic 500.
          if (isFrappeError(err)) return frappeErrorReply(err, call.errorRoute);
          throw err;
        }
      } finally {
        body.file?.cleanup();
      }
    },
  };
}
