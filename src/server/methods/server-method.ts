import type { SiteMessage } from "../../core/site";
import type { ErrorRoute } from "../error-body";
import type { SpooledFile } from "../multipart";
import type { RequestContext } from "../types";

/** One call of a whitelisted method: Frappe's `form_dict` (query and body merged) and the upload, if any. */
export interface MethodCall {
  ctx: RequestContext;
  args: Record<string, unknown>;
  file?: SpooledFile;
  /** Non-error messages of the writes (Frappe's msgprint), sent back in `_server_messages`. */
  messages: SiteMessage[];
  /** Set by a method whose errors Frappe answers in another shape (a delete's bare 404). */
  errorRoute?: ErrorRoute;
}

/** A whitelisted method as `/api/method/<dotted.path>` serves it. */
export interface ServerMethod {
  /** The HTTP methods its `@frappe.whitelist(methods=[...])` allows; any when absent. */
  http?: readonly string[];
  /** `allow_guest=True`. */
  guest?: boolean;
  /** What goes in `message`; undefined (Python's None) leaves `message` out. */
  run(call: MethodCall): Promise<unknown>;
}

export type ServerMethodTable = Readonly<Record<string, ServerMethod>>;
