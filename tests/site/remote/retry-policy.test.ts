import {
  type AttemptFailure,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isTransient,
  mayHaveReachedSite,
  parseRetryAfter,
  retryDelay,
} from "../../../src/site/remote/retry-policy";

const response = (status: number, retryAfter?: string): AttemptFailure => ({ kind: "response", status, ...(retryAfter ? { retryAfter } : {}) });

describe("which failures are retried", () => {
  test.each([429, 502, 503, 504])("HTTP %i is transient", (status) => {
    expect(isTransient(response(status))).toBe(true);
  });

  test.each([400, 401, 403, 404, 409, 417, 500, 501])("HTTP %i is never retried (validation, permission, auth, not found, duplicate, a bug)", (status) => {
    expect(isTransient(response(status))).toBe(false);
  });

  test("timeouts and dropped or refused connections are transient; a bad host name or TLS failure is not", () => {
    expect(isTransient({ kind: "timeout" })).toBe(true);
    for (const code of ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"]) expect(isTransient({ kind: "network", code })).toBe(true);
    for (const code of ["ENOTFOUND", "CERT_HAS_EXPIRED", undefined]) expect(isTransient({ kind: "network", ...(code ? { code } : {}) })).toBe(false);
  });
});

describe("which failures may have reached the site (a write may have landed)", () => {
  test("a timeout, a reset connection and a proxy's 502/504 may have", () => {
    expect(mayHaveReachedSite({ kind: "timeout" })).toBe(true);
    expect(mayHaveReachedSite({ kind: "network", code: "ECONNRESET" })).toBe(true);
    expect(mayHaveReachedSite(response(502))).toBe(true);
    expect(mayHaveReachedSite(response(504))).toBe(true);
  });

  test("a refused connection, a 429 and a 503 never did", () => {
    expect(mayHaveReachedSite({ kind: "network", code: "ECONNREFUSED" })).toBe(false);
    expect(mayHaveReachedSite(response(429))).toBe(false);
    expect(mayHaveReachedSite(response(503))).toBe(false);
  });
});

describe("backoff", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

  test("full jitter: the draw scales a ceiling that doubles per retry", () => {
    expect(backoffDelay(1, policy, () => 0.5)).toBe(50);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(100);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });

  test("bounds: never negative, never at or above the ceiling, never above the cap", () => {
    for (let retry = 1; retry <= 12; retry++) {
      const ceiling = Math.min(1000, 100 * 2 ** (retry - 1));
      expect(backoffDelay(retry, policy, () => 0)).toBe(0);
      expect(backoffDelay(retry, policy, () => 0.999999)).toBeLessThan(ceiling);
      expect(backoffDelay(retry, policy, () => 0.999999)).toBeGreaterThanOrEqual(ceiling - 1);
    }
    const draws = Array.from({ length: 200 }, () => backoffDelay(6, policy));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1000);
  });

  test("the default policy makes 4 attempts", () => {
    expect(DEFAULT_RETRY_POLICY.attempts).toBe(4);
  });
});

describe("Retry-After", () => {
  test("delta-seconds and HTTP dates are read; garbage is ignored", () => {
    const now = Date.parse("2026-11-27T12:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 12:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  test("the site's Retry-After replaces the backoff; one longer than the policy allows gives up", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 10_000 };
    expect(retryDelay(response(429, "2"), 1, policy, () => 0)).toBe(2000);
    expect(retryDelay(response(503, "2"), 3, policy, () => 0)).toBe(2000);
    expect(retryDelay(response(429, "11"), 1, policy, () => 0)).toBeUndefined();
    expect(retryDelay(response(429), 1, policy, () => 0.5)).toBe(Math.floor(0.5 * policy.baseDelayMs));
  });
});
