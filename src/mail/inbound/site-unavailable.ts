import { isFrappeError, NetworkError, TimeoutError } from "../../errors";

/** A site's (or its proxy's) answers that are not a verdict on the request: busy, restarting, cut off. */
const UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * True when a remote site did not give a verdict on a write: no answer in time, a broken
 * connection, or 429/502/503/504 through the client's retries. It is not the mail's fault, and the
 * write may have landed unseen. A verdict (a validation error, a 4xx, a 500) is not such a failure.
 */
export function isSiteUnavailable(err: unknown): boolean {
  if (err instanceof TimeoutError || err instanceof NetworkError) return true;
  return isFrappeError(err) && UNAVAILABLE_STATUSES.has(err.httpStatus);
}

/** After a timeout (ours or a gateway's 504) the write may still be running on the site. */
export function mayStillBeRunning(err: unknown): boolean {
  return err instanceof TimeoutError || (isFrappeError(err) && err.httpStatus === 504);
}
