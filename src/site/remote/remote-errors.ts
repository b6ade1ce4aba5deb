import { ERROR_CATALOGUE, type ErrorName, type FrappeError, makeError, NetworkError, TimeoutError } from "../../errors";
import { decodeServerMessages } from "./server-messages";

/** What the caller asked for, to name it in an error (never with credentials). */
export interface RequestDescription {
  method: string;
  /** The full URL without query string: the site's URL (credential-free) and the path. */
  url: string;
  doctype?: string;
  docname?: string;
  /** Frappe's text for a 404 whose body carries none (a DELETE of a missing record answers only `exc_type`). */
  notFoundMessage?: string;
}

/** An HTTP answer that is not a success. */
export interface FailedResponse {
  status: number;
  statusText?: string;
  body: unknown;
  /** A redirect's target (redirects are not followed: they would turn a POST into a GET). */
  location?: string;
}

/** The facts of a transport failure, copied off the HTTP library's error (which holds the request headers). */
export interface TransportFacts {
  message: string;
  code?: string;
  syscall?: string;
  address?: string;
  port?: number;
}

/** Frappe's status codes (frappe/exceptions.py `http_status_code`) for an `exc_type` we have no class for. */
const KIND_BY_STATUS: Readonly<Record<number, ErrorName>> = {
  400: "InputError",
  401: "AuthenticationError",
  403: "PermissionError",
  404: "DoesNotExistError",
  409: "DuplicateEntryError",
  417: "ValidationError",
  429: "TooManyRequestsError",
};

/** The catalogue class for a site's `exc_type`; an unknown one is chosen by the HTTP status. */
export function errorKindFor(excType: string | undefined, status: number): ErrorName {
  if (excType && Object.hasOwn(ERROR_CATALOGUE, excType)) return excType as ErrorName;
  return KIND_BY_STATUS[status] ?? "ServerError";
}

function bodyObject(body: unknown): Record<string, unknown> | undefined {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** `"frappe.exceptions.DataError: Field not permitted ..."` -> the text after the class path. */
function exceptionText(exception: unknown): string | undefined {
  if (typeof exception !== "string") return undefined;
  const match = /^[A-Za-z_][\w.]*: ([\s\S]+)$/.exec(exception.trim());
  return match?.[1];
}

/** A short plain-text body (a proxy's "Too Many Requests"), never an HTML page. */
function plainText(body: unknown): string | undefined {
  if (typeof body !== "string") return undefined;
  const text = body.trim();
  return text !== "" && text.length <= 200 && !/<[a-z!/][^>]*>/i.test(text) ? text : undefined;
}

function ownMessage(kind: ErrorName, response: FailedResponse, request: RequestDescription): string {
  const answered = `${request.method} ${request.url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  if (kind === "DoesNotExistError" && request.notFoundMessage) return request.notFoundMessage;
  if (kind === "AuthenticationError") return `Authentication failed: the site refused the API key and secret (${answered})`;
  if (response.status >= 300 && response.status < 400 && response.location) return `${answered}: it redirects to ${response.location}; use that URL`;
  const text = plainText(response.body);
  return text ? `${answered}: ${text}` : answered;
}

/** The error's text: Frappe's own messages as the site sent them, else the best fact the body has. */
function messageAndTitle(kind: ErrorName, response: FailedResponse, request: RequestDescription): { message: string; title?: string } {
  const body = bodyObject(response.body);
  const messages = decodeServerMessages(body?._server_messages);
  const raised = messages.filter((m) => m.raiseException);
  const chosen = raised.length > 0 ? raised : messages;
  if (chosen.length > 0) {
    const title = chosen.find((m) => m.title && m.title !== "Message")?.title;
    return { message: chosen.map((m) => m.message).join("\n"), ...(title ? { title } : {}) };
  }
  const fromException = exceptionText(body?.exception);
  if (fromException) return { message: fromException };
  if (typeof body?._error_message === "string" && body._error_message !== "") return { message: body._error_message };
  return { message: ownMessage(kind, response, request) };
}

/**
 * Keeps what the site said on the error: its HTTP status and, when it named one, its `exc_type`
 * (a class we map to a broader one, e.g. a site's `InvalidDates` as ValidationError, keeps its name).
 */
export function keepSiteFacts(error: FrappeError, status: number, excType: string | undefined): FrappeError {
  const facts = error as { httpStatus: number; excType: string };
  facts.httpStatus = status;
  if (excType) facts.excType = excType;
  return error;
}

/** One of our typed errors for a site's error answer: class from `exc_type` (else the status), Frappe's text kept. */
export function errorFromResponse(response: FailedResponse, request: RequestDescription, note = ""): FrappeError {
  const body = bodyObject(response.body);
  const excType = typeof body?.exc_type === "string" && body.exc_type !== "" ? body.exc_type : undefined;
  const kind = errorKindFor(excType, response.status);
  const { message, title } = messageAndTitle(kind, response, request);
  const error = makeError(kind, `${message}${note}`, {
    ...(title ? { title } : {}),
    ...(request.doctype ? { doctype: request.doctype } : {}),
    ...(request.docname ? { docname: request.docname } : {}),
  });
  return keepSiteFacts(error, response.status, excType);
}

/** A plain Error holding only the transport facts: the original carries the request and its Authorization header. */
export function scrubbedCause(facts: TransportFacts): Error {
  const cause = new Error(facts.message);
  return Object.assign(cause, {
    ...(facts.code ? { code: facts.code } : {}),
    ...(facts.syscall ? { syscall: facts.syscall } : {}),
    ...(facts.address ? { address: facts.address } : {}),
    ...(facts.port !== undefined ? { port: facts.port } : {}),
  });
}

export function networkError(facts: TransportFacts, request: RequestDescription, note = ""): FrappeError {
  const code = facts.code && !facts.message.includes(facts.code) ? ` (${facts.code})` : "";
  return new NetworkError(`${request.method} ${request.url} failed: ${facts.message}${code}${note}`, { cause: scrubbedCause(facts) });
}

export function timeoutError(timeoutMs: number, request: RequestDescription, note = ""): FrappeError {
  return new TimeoutError(`${request.method} ${request.url} did not answer within ${timeoutMs} ms${note}`);
}
