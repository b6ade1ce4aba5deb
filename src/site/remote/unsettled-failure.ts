import { isFrappeError, NetworkError, TimeoutError } from "../../errors";

/** Answers of a site (or its proxy) that did not carry a request through to a verdict: busy, restarting, cut off. */
const UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * True for an error that leaves unknown what the site did: it did not answer in time, the
 * connection broke, or it kept answering 429/502/503/504 through the retries. A write may have
 * landed without our knowing its name, and the site is in no state to take deletes either.
 * A site's verdict (a 4xx, a 417 validation error, a 500) is not such an error.
 */
export function isUnsettledFailure(err: unknown): boolean {
  if (err instanceof TimeoutError || err instanceof NetworkError) return true;
  return isFrappeError(err) && UNAVAILABLE_STATUSES.has(err.httpStatus);
}
