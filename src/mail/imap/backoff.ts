/** How long to wait before the next connection attempt, and how many attempts to make. */
export interface BackoffPolicy {
  /** Attempts in total, the first included (so 1 means "never retry"). */
  attempts: number;
  /** The ceiling of the first wait; it doubles per attempt. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 5, baseMs: 500, maxMs: 15_000 };

/**
 * Exponential backoff with "full jitter": a random wait between 0 and min(max, base * 2^(n-1)),
 * so many clients that lost the same server do not all come back in the same instant.
 * `attempt` counts from 1 (the wait after the first failure).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Waits `ms`, or less when `signal` aborts (it resolves then, it does not throw). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
