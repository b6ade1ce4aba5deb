import { timeoutError } from "../line-socket";

/** One line of the doctor's report. `fix` says what to do when the status is not ok. */
export type CheckStatus = "ok" | "warn" | "fail" | "skipped";

export interface CheckResult {
  /** Stable id, e.g. `incoming.tls`, `incoming.folder:INBOX`, `outgoing.auth`. */
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

export interface AccountReport {
  account: string;
  email_id: string;
  /** False when any check failed (warnings do not count). */
  ok: boolean;
  checks: CheckResult[];
}

export function result(id: string, title: string, status: CheckStatus, detail: string, fix?: string): CheckResult {
  return { id, title, status, detail, ...(fix === undefined ? {} : { fix }) };
}

/** The checks after a failed one in the same chain: they could not run. */
export function notRun(id: string, title: string, because: string): CheckResult {
  return result(id, title, "skipped", `not run: ${because}`);
}

/**
 * Runs one check under its own deadline, so a server that never answers costs a few seconds, not a
 * hang. `onLate` cleans up what the abandoned attempt opens (a socket, a session) once it settles.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string, onLate?: (value: T) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(timeoutError(what, ms));
    }, ms);
  });
  work.then(
    (value) => {
      if (late && onLate) onLate(value);
    },
    () => undefined,
  );
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `task` over `items` with at most `limit` running at once; results keep the input order. */
export async function mapConcurrently<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
