import { STATUS_CODES, type ServerResponse } from "node:http";
import type { SiteMessage } from "../core/site";
import { encodeServerMessages } from "./error-body";
import type { Reply } from "./types";

/** Frappe's session cookie lifetime for Guest: 7 days (+2 hours in Max-Age, as a v15 site sends it). */
const GUEST_SID_MAX_AGE = 612_000;
const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

/**
 * The cookies every v15 answer sets, token-authenticated ones included: API keys open no session,
 * so the site describes the caller as Guest.
 */
export function guestCookies(now = new Date()): string[] {
  const expires = new Date(now.getTime() + SEVEN_DAYS_MS).toUTCString();
  return [
    `sid=Guest; Expires=${expires}; Max-Age=${GUEST_SID_MAX_AGE}; HttpOnly; Path=/; SameSite=Lax`,
    "system_user=no; Path=/; SameSite=Lax",
    "full_name=Guest; Path=/; SameSite=Lax",
    "user_id=Guest; Path=/; SameSite=Lax",
    "user_image=; Path=/; SameSite=Lax",
  ];
}

/** After an AuthenticationError a v15 site also expires its cookies (login_manager.clear_cookies). */
function expiredCookies(now = new Date()): string[] {
  const expired = new Date(now.getTime() - 24 * 3600 * 1000).toUTCString();
  return ["system_user", "user_image", "user_id", "sid", "full_name"].map((name) => `${name}=; Expires=${expired}; Path=/`);
}

/** A JSON reply as Frappe writes it (werkzeug's upper-case reason phrase, the Guest cookies). */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.statusCode = reply.status;
  res.statusMessage = (STATUS_CODES[reply.status] ?? "").toUpperCase();
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.setHeader("Set-Cookie", reply.status === 401 ? [...guestCookies(), ...expiredCookies()] : guestCookies());
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.end(text);
}

/** `{data: ...}` for /api/resource answers. */
export function dataReply(data: unknown, status = 200): Reply {
  return { status, body: { data } };
}

/** `{message: ...}` for /api/method answers; nothing returned means no `message` key, as Frappe's handler. */
export function messageReply(message: unknown): Reply {
  return { status: 200, body: message === undefined || message === null ? {} : { message } };
}

/** A success answer carrying the lifecycle's non-error messages (Frappe's msgprint) in `_server_messages`. */
export function withMessages(reply: Reply, messages: SiteMessage[]): Reply {
  if (messages.length === 0 || typeof reply.body !== "object" || reply.body === null) return reply;
  const shown = messages.map((m) => ({ message: m.message, ...(m.title ? { title: m.title } : {}), ...(m.indicator ? { indicator: m.indicator } : {}) }));
  return { ...reply, body: { ...(reply.body as object), _server_messages: encodeServerMessages(shown) } };
}
