import { isFrappeError } from "../errors";
import type { Direction } from "./pair-records";

/**
 * created / updated: written (or, in a dry run, would be). unchanged: both copies agree, or neither
 * changed since the last sync. conflict: the record was changed on the side that would be
 * overwritten since the last sync (TimestampMismatchError); nothing written. refused: this site's
 * own rules refuse the record, so it was not sent. failed: the write or a read failed.
 */
export type SyncStatus = "created" | "updated" | "unchanged" | "conflict" | "refused" | "failed";

export const SYNC_STATUSES: readonly SyncStatus[] = ["created", "updated", "unchanged", "conflict", "refused", "failed"];

export interface ErrorEntry {
  exc_type: string;
  message: string;
}

export interface SyncOutcome {
  doctype: string;
  /** The local record's name. */
  name: string;
  /** The remote record's name, when known (a Communication is named anew by the site that inserts it). */
  remoteName?: string;
  status: SyncStatus;
  /** The fields that differed: written, or in conflict. Password fields are named, never shown. */
  fields?: string[];
  error?: ErrorEntry;
  /** Something worth knowing about a record that did sync, e.g. a field the local controllers set differently. */
  note?: string;
}

export interface SyncReport {
  direction: Direction;
  remote: string;
  local: string;
  dryRun: boolean;
  records: SyncOutcome[];
  counts: Record<SyncStatus, number>;
}

/** `{exc_type, message}` of anything thrown. */
export function errorEntry(err: unknown): ErrorEntry {
  if (isFrappeError(err)) return { exc_type: err.excType, message: err.message };
  if (err instanceof Error) return { exc_type: err.name || "Error", message: err.message };
  return { exc_type: "Error", message: String(err) };
}

export function countStatuses(records: SyncOutcome[]): Record<SyncStatus, number> {
  const counts = Object.fromEntries(SYNC_STATUSES.map((status) => [status, 0])) as Record<SyncStatus, number>;
  for (const record of records) counts[record.status] += 1;
  return counts;
}
