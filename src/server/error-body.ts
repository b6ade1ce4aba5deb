import crypto from "node:crypto";
import { bold, type FrappeError, isFrappeError } from "../errors";
import type { Reply } from "./types";

/**
 * Frappe's error answers, in the shapes a v15 site sends (tests/data/frappe-responses/):
 * `exception` ("frappe.exceptions.X: message"), `exc_type`, `exc` (a JSON list holding a
 * traceback text; ours is a short synthetic one that names no file and holds no value) and
 * `_server_messages` (a JSON list of JSON-encoded message objects).
 */

export interface ServerMessage {
  message: string;
  title?: string;
  indicator?: string;
  raise_exception?: 1;
}

/** `_server_messages`: each message JSON-encoded, then the list JSON-encoded again. */
export function encodeServerMessages(messages: ServerMessage[]): string {
  return JSON.stringify(messages.map((m) => JSON.stringify(m)));
}

/** The message Frappe's `frappe.throw` leaves: red, raising, with an id of the error. */
function thrownMessage(message: string, title = "Message"): ServerMessage & { __frappe_exc_id: string } {
  return { message, title, indicator: "red", raise_exception: 1, __frappe_exc_id: crypto.randomBytes(28).toString("hex") };
}

function syntheticTraceback(exception: string): string {
  return JSON.stringify([`Traceback (most recent call last):\n  File "frappe-email-account/server", in handle\n${exception}\n`]);
}

function exceptionText(excType: string, message?: string): string {
  return `frappe.exceptions.${excType}${message ? `: ${message}` : ""}`;
}

/** Which of Frappe's error paths produced the error: they differ in the keys of the body. */
export type ErrorRoute = "default" | "delete";

/** Our typed error as the body and status a Frappe site answers with. */
export function frappeErrorReply(err: FrappeError, route: ErrorRoute = "default"): Reply {
  const status = err.httpStatus;
  // DoesNotExistError is answered without traceback; a failed delete (`raise DoesNotExistError`) has no message at all.
  if (err.excType === "DoesNotExistError") {
    if (route === "delete") return { status, body: { exc_type: err.excType } };
    return { status, body: { exc_type: err.excType, _server_messages: encodeServerMessages([thrownMessage(err.message)]) } };
  }
  let exception = exceptionText(err.excType, err.message);
  let message: ServerMessage = thrownMessage(err.message, err.title);
  if (err.excType === "MandatoryError") {
    // Frappe prints each missing field (a plain message), then raises with `[doctype, name]: fieldnames`.
    if (err.doctype && err.field) exception = exceptionText(err.excType, `[${err.doctype}, ${err.docname ?? "None"}]: ${err.field}`);
    message = { message: err.message, title: "Message" };
  } else if (err.excType === "DuplicateEntryError") {
    // The database's integrity error, as MariaDB words it for the primary key.
    if (err.doctype && err.docname) {
      const duplicate = `IntegrityError(1062, "Duplicate entry '${err.docname}' for key 'PRIMARY'")`;
      exception = exceptionText(err.excType, `('${err.doctype}', '${err.docname}', ${duplicate})`);
    }
    message = { message: err.message, title: err.title ?? "Duplicate Name", indicator: "red" };
  }
  return {
    status,
    body: { exception, exc_type: err.excType, exc: syntheticTraceback(exception), _server_messages: encodeServerMessages([message]) },
  };
}

/** 401 for an Authorization header whose key or secret is wrong: no message, as Frappe's `validate_auth`. */
export function badTokenReply(): Reply {
  const exception = exceptionText("AuthenticationError");
  return { status: 401, body: { exception, exc_type: "AuthenticationError", exc: syntheticTraceback(exception) } };
}

/** 403 for a Guest on `/api/resource`: the list adds `_error_message`, one record adds the document line. */
export function guestResourceReply(doctype: string, oneRecord: boolean): Reply {
  const exception = exceptionText("PermissionError");
  let text = `User ${bold("Guest")} does not have doctype access via role permission for document ${bold(doctype)}`;
  if (oneRecord) text += `<br>User ${bold("Guest")} does not have access to this document`;
  const body: Record<string, unknown> = {
    exception,
    exc_type: "PermissionError",
    exc: syntheticTraceback(exception),
    _server_messages: encodeServerMessages([{ message: text, title: "Message" }]),
  };
  if (!oneRecord) body._error_message = `No permission for ${doctype}`;
  return { status: 403, body };
}

/** 500 for anything that is not one of our typed errors: a generic text, never the error's own message or stack. */
export function internalErrorReply(): Reply {
  const exception = "Exception: Internal Server Error";
  return {
    status: 500,
    body: {
      exception,
      exc_type: "Exception",
      exc: syntheticTraceback(exception),
      _server_messages: encodeServerMessages([
        thrownMessage("There was an internal error on the server. The details are in the server log.", "Server Error"),
      ]),
    },
  };
}

/** An error status of our own (request too large, unknown route, wrong method) in Frappe's error shape. */
export function plainErrorReply(status: number, excType: string, message: string): Reply {
  const exception = exceptionText(excType, message);
  return {
    status,
    body: { exception, exc_type: excType, exc: syntheticTraceback(exception), _server_messages: encodeServerMessages([thrownMessage(message)]) },
  };
}

/** Any thrown value as a reply: typed errors as Frappe answers them, the rest as a generic 500. */
export function errorReply(err: unknown, route: ErrorRoute = "default"): Reply {
  return isFrappeError(err) ? frappeErrorReply(err, route) : internalErrorReply();
}
