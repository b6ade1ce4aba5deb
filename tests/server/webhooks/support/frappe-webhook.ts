import crypto from "node:crypto";

/**
 * What a Frappe v15 Webhook puts on the wire (frappe/integrations/doctype/webhook/webhook.py): the body is
 * Python's `json.dumps(data)` (", " and ": " separators, every non-ASCII character as \uXXXX), and with
 * Enable Security the header X-Frappe-Webhook-Signature is base64(HMAC-SHA256(secret, body bytes)).
 * Written out here, apart from the code under test, so the tests sign exactly as Frappe does.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return JSON.stringify(value);
  if (typeof value === "string") {
    // JSON.stringify escapes quotes, backslashes and control characters as Python does; Python's
    // ensure_ascii also escapes DEL and everything above it (each UTF-16 unit, so surrogate pairs too).
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${pythonJsonDumps(key)}: ${pythonJsonDumps(item)}`)
    .join(", ")}}`;
}

export function frappeSignature(secret: string, body: string | Buffer): string {
  return crypto.createHmac("sha256", secret).update(typeof body === "string" ? Buffer.from(body, "utf8") : body).digest("base64");
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

/** One call as Frappe's `requests.request(method, url, data=body, headers=headers)` makes it: no Content-Type. */
export async function postWebhook(
  url: string,
  options: { body: string | Buffer; signature?: string; method?: string; headers?: Record<string, string> },
): Promise<WebhookAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.signature !== undefined) headers["X-Frappe-Webhook-Signature"] = options.signature;
  const response = await fetch(url, { method: options.method ?? "POST", headers, body: options.body });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the test reads `text`
  }
  return { status: response.status, body, text };
}

/** `_server_messages` decoded to the message texts. */
export function messageTexts(body: Record<string, unknown>): string[] {
  const raw = body._server_messages;
  if (typeof raw !== "string") return [];
  return (JSON.parse(raw) as string[]).map((m) => String((JSON.parse(m) as { message: unknown }).message));
}
