import crypto from "node:crypto";

/** The header a Frappe v15 Webhook with "Enable Security" signs its body in (frappe/integrations/doctype/webhook/webhook.py). */
export const WEBHOOK_SIGNATURE_HEADER = "X-Frappe-Webhook-Signature";

/** The environment variable holding the secret shared with the Webhook's "Webhook Secret" field. */
export const WEBHOOK_SECRET_ENV = "FEA_WEBHOOK_SECRET";

/** The configured secret, or undefined when it is unset or empty (the receiver then refuses every call). */
export function webhookSecretFrom(env: Record<string, string | undefined>): string | undefined {
  const secret = env[WEBHOOK_SECRET_ENV];
  return secret === undefined || secret === "" ? undefined : secret;
}

/** Frappe's signature: base64 of HMAC-SHA256 keyed with the secret's UTF-8 bytes, over the body's bytes. */
export function frappeWebhookSignature(secret: string, body: Buffer): string {
  return crypto.createHmac("sha256", Buffer.from(secret, "utf8")).update(body).digest("base64");
}

export type SignatureCheck = "valid" | "missing" | "mismatch";

/**
 * Compares the header with the expected signature in constant time. The text is compared as sent, not
 * base64-decoded, so lenient decodings (no padding, stray characters) cannot pass for the real thing.
 */
export function checkWebhookSignature(secret: string, body: Buffer, header: string | string[] | undefined): SignatureCheck {
  const given = Array.isArray(header) ? header.join(",") : header;
  if (given === undefined || given.trim() === "") return "missing";
  const expected = Buffer.from(frappeWebhookSignature(secret, body), "ascii");
  const received = Buffer.from(given.trim(), "utf8");
  // The length of a SHA-256 signature is public (44 characters); only equal lengths reach the timing-safe compare.
  if (received.length !== expected.length) return "mismatch";
  return crypto.timingSafeEqual(received, expected) ? "valid" : "mismatch";
}
