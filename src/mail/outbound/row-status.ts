import { cint, cstr, type Doc } from "../../core/doc";
import type { RowSendOutcome } from "./send-queue-row";

export interface RowStatusUpdate {
  status: "Sent" | "Not Sent" | "Partially Sent" | "Error";
  retry: number;
  error: string | null;
}

/**
 * The row's status after an attempt (S16), with Frappe's retry rule made precise:
 * - every recipient delivered: `Sent`;
 * - stopped by a transient failure with recipients still to try: back to `Not Sent` (or
 *   `Partially Sent` once somebody got it) for the next flush, until the retry limit is passed;
 * - otherwise (a refused login or sender, addresses refused for good, or retries used up): `Error`.
 * `retry` counts failed attempts; `error` keeps the server's words.
 */
export function rowStatusAfter(row: Doc, outcome: RowSendOutcome, retryLimit: number): RowStatusUpdate {
  const recipients = (row.recipients as Doc[] | undefined) ?? [];
  const sentNow = new Set(outcome.sentNow);
  const refusedNow = new Set(outcome.refused.map((entry) => entry.recipient));
  const isSent = (recipient: Doc) => cstr(recipient.status) === "Sent" || sentNow.has(cstr(recipient.recipient));
  const isRefused = (recipient: Doc) => cstr(recipient.error) !== "" || refusedNow.has(cstr(recipient.recipient));
  if (!outcome.stopped && recipients.every(isSent)) return { status: "Sent", retry: cint(row.retry), error: null };

  const refusals = outcome.refused.map((entry) => `${entry.recipient}: ${entry.failure.text}`);
  const error = [outcome.stopped?.text, ...refusals].filter((part): part is string => !!part).join("\n") || cstr(row.error) || null;
  const retry = cint(row.retry) + 1;
  const stillToTry = recipients.some((recipient) => !isSent(recipient) && !isRefused(recipient));
  if (outcome.stopped?.kind === "transient" && stillToTry && retry <= retryLimit) {
    return { status: recipients.some(isSent) ? "Partially Sent" : "Not Sent", retry, error };
  }
  return { status: "Error", retry, error };
}
