import type { SiteMessage } from "../../core/site";

/** One entry of Frappe's `_server_messages`, as `frappe.msgprint` / `frappe.throw` queued it. */
export interface ServerMessage extends SiteMessage {
  /** Set by `frappe.throw`: this message is the error itself, not a note shown beside it. */
  raiseException: boolean;
}

function fromEntry(entry: unknown): ServerMessage | undefined {
  let value = entry;
  if (typeof entry === "string") {
    try {
      value = JSON.parse(entry);
    } catch {
      return { message: entry, raiseException: false };
    }
  }
  if (typeof value === "string") return { message: value, raiseException: false };
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.message === undefined || record.message === null) return undefined;
  return {
    message: typeof record.message === "string" ? record.message : JSON.stringify(record.message),
    ...(typeof record.title === "string" ? { title: record.title } : {}),
    ...(typeof record.indicator === "string" ? { indicator: record.indicator } : {}),
    raiseException: Boolean(record.raise_exception),
  };
}

/**
 * Decodes `_server_messages`: a JSON-encoded list whose entries are themselves JSON-encoded
 * objects (`{message, title, indicator, raise_exception}`) or plain strings. Anything that does
 * not decode is kept as text, never dropped.
 */
export function decodeServerMessages(raw: unknown): ServerMessage[] {
  if (raw === undefined || raw === null || raw === "") return [];
  let list: unknown = raw;
  if (typeof raw === "string") {
    try {
      list = JSON.parse(raw);
    } catch {
      return [{ message: raw, raiseException: false }];
    }
  }
  if (!Array.isArray(list)) list = [list];
  return (list as unknown[]).map(fromEntry).filter((m): m is ServerMessage => m !== undefined);
}

/** The messages a successful write showed (Frappe's msgprint), in the shape `WriteResult.messages` uses. */
export function siteMessages(raw: unknown): SiteMessage[] {
  return decodeServerMessages(raw).map(({ raiseException: _raised, ...message }) => message);
}
