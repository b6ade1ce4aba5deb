import type { ImapFlow } from "imapflow";
import { cstr, type Doc } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import { ingestMessage } from "../inbound";
import { cursorStoreFor } from "./choose-cursor-store";
import type { CursorStore } from "./cursor-store";
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from "./fetch-plan";
import { FolderCursor } from "./folder-cursor";
import { type IngestFunction, pullFolder, type PullProgress } from "./folder-pull";
import type { ImapConnections } from "./imap-connections";
import { describeImapError } from "./imap-errors";
import { imapFolderRows, pullSkipReason } from "./pull-eligibility";
import { emptyFolderReport, type FolderPullReport, type PullReport } from "./pull-report";

export interface PullOptions {
  connections: ImapConnections;
  log: Logger;
  /** The host name in Message-IDs this site generates (threading, P14). */
  siteHost: string;
  /** Stops the pull between two mails; what was stored stays stored and the cursors say so. */
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
  /** The inbound code's `ingestMessage` unless given. */
  ingest?: IngestFunction;
  limits?: FetchLimits;
  /** Where the folders' cursors live; by the site's kind unless given (`cursorStoreFor`). */
  cursors?: CursorStore;
}

/** A folder is tried again once on a fresh connection when the connection dropped under it. */
const FOLDER_ATTEMPTS = 2;

type FolderOutcome = { kind: "done" } | { kind: "no-connection"; error: string };

/**
 * Pulls one Email Account: every IMAP Folder row in table order, each on its own (a failure in one
 * folder or one mail never drops the others' mails, fixes H6). Returns what happened per folder.
 * An account that is not to be pulled (incoming off, awaiting password, ...) is reported as skipped.
 */
export async function pullAccount(site: Site, accountName: string, options: PullOptions): Promise<PullReport> {
  const log = options.log.child({ account: accountName });
  const report: PullReport = { account: accountName, folders: [], errors: [], aborted: false };
  const account = await site.get("Email Account", accountName);
  const reason = pullSkipReason(account);
  if (reason) {
    report.skipped = reason;
    log.info({ reason }, "account not pulled");
    return report;
  }
  const cursors = options.cursors ?? cursorStoreFor(site, { log });
  for (const row of imapFolderRows(account)) {
    if (options.signal?.aborted) break;
    const folderReport = emptyFolderReport(cstr(row.folder_name).trim(), cstr(row.append_to));
    report.folders.push(folderReport);
    const cursor = await FolderCursor.open(cursors, accountName, row);
    const outcome = await pullFolderWithRetry(site, account, row, cursor, folderReport, options, log);
    if (outcome.kind === "no-connection") {
      // Without a connection no other folder can be read either; the next pull tries again.
      report.errors.push(outcome.error);
      break;
    }
  }
  report.aborted = options.signal?.aborted === true;
  for (const folder of report.folders) log.info(folderSummary(folder), "folder pulled");
  return report;
}

async function pullFolderWithRetry(
  site: Site,
  account: Doc,
  row: Doc,
  cursor: FolderCursor,
  report: FolderPullReport,
  options: PullOptions,
  log: Logger,
): Promise<FolderOutcome> {
  for (let attempt = 1; attempt <= FOLDER_ATTEMPTS; attempt++) {
    let client: ImapFlow;
    try {
      client = await options.connections.client(account, options.signal);
    } catch (err) {
      return { kind: "no-connection", error: describeImapError(err) };
    }
    try {
      await pullFolder(
        {
          site,
          account,
          client,
          log,
          siteHost: options.siteHost,
          ingest: options.ingest ?? ingestMessage,
          limits: options.limits ?? DEFAULT_FETCH_LIMITS,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        },
        row,
        cursor,
        report,
      );
      return { kind: "done" };
    } catch (err) {
      const error = describeImapError(err);
      const lost = !client.usable;
      if (lost) options.connections.discard(cstr(account.name));
      if (lost && attempt < FOLDER_ATTEMPTS && !options.signal?.aborted) {
        log.warn({ folder: report.folder, attempt, error }, "connection lost during the pull; reconnecting to go on from the cursor");
        continue;
      }
      report.errors.push(error);
      log.error({ folder: report.folder, error }, "folder not pulled to the end; the rest is fetched on the next pull");
      return { kind: "done" };
    }
  }
  return { kind: "done" };
}

function folderSummary(folder: FolderPullReport): Record<string, unknown> {
  const { errors, ...counts } = folder;
  return { ...counts, errors: errors.length };
}
