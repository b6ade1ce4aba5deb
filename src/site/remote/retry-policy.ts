/** How often and how patiently a failed request is repeated. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff cap of the first retry; it doubles per retry (full jitter draws below it). */
  baseDelayMs: number;
  /** The most a backoff may wait. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the request fails at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = { attempts: 4, baseDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/** Why one attempt failed, in the terms the retry decision needs. */
export type AttemptFailure =
  | { kind: "response"; status: number; retryAfter?: string }
  | { kind: "timeout" }
  | { kind: "network"; code?: string };

/** Statuses that say "not now": a proxy or the site is overloaded or restarting. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/** Failures where no byte reached a server: the request can be repeated whatever it does. */
const NEVER_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
/** Transport failures worth another try; others (a bad host name, TLS trouble) will fail the same way again. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([...NEVER_SENT_CODES, "ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "ERR_SOCKET_CONNECTION_TIMEOUT"]);

/** True for failures that may pass on a later try: timeouts, dropped connections, 429, 502, 503, 504. Never 4xx answers. */
export function isTransient(failure: AttemptFailure): boolean {
  if (failure.kind === "timeout") return true;
  if (failure.kind === "response") return TRANSIENT_STATUSES.has(failure.status);
  return failure.code !== undefined && TRANSIENT_CODES.has(failure.code);
}

/**
 * True when the site may have run the request although we got no answer for it: a timeout, a
 * connection dropped mid-request, or a proxy's 502/504 (the worker may have committed before it
 * died). 429 and 503 are refusals before any work; a refused connection never reached anyone.
 */
export function mayHaveReachedSite(failure: AttemptFailure): boolean {
  if (failure.kind === "timeout") return true;
  if (failure.kind === "response") return failure.status === 502 || failure.status === 504;
  return !(failure.code !== undefined && NEVER_SENT_CODES.has(failure.code));
}

/** Exponential backoff with full jitter: a uniform draw in [0, min(max, base * 2^(retry-1))). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `retry` (1 = the first retry): the site's `Retry-After`
 * when it sent one, else the jittered backoff; undefined when the site asks for longer than the
 * policy allows (the caller then fails at once rather than hang).
 */
export function retryDelay(failure: AttemptFailure, retry: number, policy: RetryPolicy, random: () => number = Math.random, now: number = Date.now()): number | undefined {
  const asked = failure.kind === "response" ? parseRetryAfter(failure.retryAfter, now) : undefined;
  if (asked === undefined) return backoffDelay(retry, policy, random);
  return asked <= policy.maxRetryAfterMs ? asked : undefined;
}
