import crypto from "node:crypto";
import type { ApiKey, Caller } from "./types";

export const GUEST: Caller = { user: "Guest", isGuest: true };

/** The outcome of reading the Authorization header: a caller, or "refused" (answered 401). */
export type AuthResult = Caller | "refused";

/** SHA-256 first, so both sides have the same length and the comparison time says nothing about either. */
function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given, "utf8").digest();
  const b = crypto.createHash("sha256").update(expected, "utf8").digest();
  return crypto.timingSafeEqual(a, b);
}

/** `key:secret` from `token key:secret` or `Basic base64(key:secret)`, the two forms Frappe accepts for API keys. */
function credentials(header: string): { key: string; secret: string } | undefined {
  const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(header);
  if (!match) return undefined;
  const scheme = (match[1] as string).toLowerCase();
  let pair: string;
  if (scheme === "token") pair = match[2] as string;
  else if (scheme === "basic") pair = Buffer.from(match[2] as string, "base64").toString("utf8");
  else return undefined;
  const colon = pair.indexOf(":");
  if (colon <= 0) return undefined;
  return { key: pair.slice(0, colon), secret: pair.slice(colon + 1) };
}

/**
 * Checks the request's API key against the configured ones. Every key is compared (no early exit),
 * so the answer time does not tell which keys exist.
 */
export class ApiKeyAuth {
  private readonly keys: ReadonlyArray<Required<ApiKey>>;

  constructor(keys: ApiKey[]) {
    this.keys = keys.map((k) => ({ key: k.key, secret: k.secret, user: k.user ?? "Administrator" }));
  }

  authenticate(header: string | undefined): AuthResult {
    if (header === undefined || header.trim() === "") return GUEST;
    const given = credentials(header);
    if (!given) return "refused";
    let user: string | undefined;
    for (const known of this.keys) {
      const keyMatches = sameSecret(given.key, known.key);
      const secretMatches = sameSecret(given.secret, known.secret);
      if (keyMatches && secretMatches && user === undefined) user = known.user;
    }
    return user === undefined ? "refused" : { user, isGuest: false };
  }
}
