import type { IngestStatus } from "../inbound-message";
import type { FolderSyncMode } from "./sync-window";

/** What one pull did in one folder. */
export interface FolderPullReport {
  folder: string;
  appendTo: string;
  mode: FolderSyncMode | "not-selected";
  uidvalidity: string;
  /** Mails fetched from the server (handed to the inbound code). */
  fetched: number;
  created: number;
  duplicate: number;
  skipped: number;
  unhandled: number;
  /** Mails larger than the threshold, streamed with download() rather than held whole. */
  streamed: number;
  /** Mails marked \Seen on the server after being stored (UNSEEN mode). */
  markedSeen: number;
  /** The row's cursor after the pull: the next UID to fetch. */
  uidnext: number;
  errors: string[];
}

/** What one pull did for one account. */
export interface PullReport {
  account: string;
  /** Set when the account was not pulled at all, with the reason. */
  skipped?: string;
  folders: FolderPullReport[];
  /** Errors outside any one folder (e.g. the connection could not be made). */
  errors: string[];
  /** True when the pull stopped early because it was asked to (signal). */
  aborted: boolean;
}

export function emptyFolderReport(folder: string, appendTo: string): FolderPullReport {
  return { folder, appendTo, mode: "not-selected", uidvalidity: "", fetched: 0, created: 0, duplicate: 0, skipped: 0, unhandled: 0, streamed: 0, markedSeen: 0, uidnext: 0, errors: [] };
}

/** Adds one ingested mail's outcome to the folder's counts. */
export function countOutcome(report: FolderPullReport, status: IngestStatus): void {
  report[status] += 1;
}

/** Every error of the pull, folder errors prefixed with the folder. */
export function allErrors(report: PullReport): string[] {
  return [...report.errors, ...report.folders.flatMap((folder) => folder.errors.map((error) => `${folder.folder}: ${error}`))];
}
