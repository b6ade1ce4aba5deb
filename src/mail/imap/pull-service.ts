import { cstr } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import { sleep } from "./backoff";
import type { CursorStore } from "./cursor-store";
import type { FetchLimits } from "./fetch-plan";
import type { IngestFunction, PullProgress } from "./folder-pull";
import { IdleWatcher } from "./idle-watcher";
import type { ImapConnections } from "./imap-connections";
import { describeImapError } from "./imap-errors";
import { pullAccount } from "./pull-account";
import { imapFolderRows, pullSkipReason } from "./pull-eligibility";
import { PullQueue } from "./pull-queue";
import type { PullReport } from "./pull-report";

export interface PullServiceOptions {
  site: Site;
  connections: ImapConnections;
  log: Logger;
  siteHost: string;
  /** Only these accounts (`sync --account`); every account when absent. */
  accounts?: string[];
  onProgress?: (progress: PullProgress) => void;
  /** Called with each account's report as its pull ends. */
  onReport?: (report: PullReport) => void;
  ingest?: IngestFunction;
  limits?: FetchLimits;
  /** One store for every pull of the service; by the site's kind unless given. */
  cursors?: CursorStore;
}

export interface ContinuousOptions {
  /** A pull of every account this often, whatever IDLE says. */
  pollIntervalMs: number;
  /** Watch INBOX folders with IDLE where the server has it. */
  idle: boolean;
}

const isInbox = (folder: string) => folder.toUpperCase() === "INBOX";

/** The pull side of `sync`: every eligible account once, or continuously (poll + IDLE) until stopped. */
export class PullService {
  private readonly log: Logger;

  constructor(private readonly options: PullServiceOptions) {
    this.log = options.log;
  }

  /** Pulls each account once, in name order; accounts not to be pulled are reported with the reason. */
  async pullOnce(signal?: AbortSignal): Promise<PullReport[]> {
    const reports: PullReport[] = [];
    for (const name of await this.accountNames()) {
      if (signal?.aborted) break;
      reports.push(await this.pullReported(name, signal));
    }
    return reports;
  }

  /** Pulls now, then every poll interval and whenever IDLE reports new mail, until `signal` aborts. */
  async runUntil(signal: AbortSignal, continuous: ContinuousOptions): Promise<void> {
    const queue = new PullQueue(async (name) => void (await this.pullReported(name, signal)));
    const watchers = new Map<string, IdleWatcher | "no-idle">();
    try {
      while (!signal.aborted) {
        const names = await this.accountNames();
        for (const name of names) queue.request(name);
        if (continuous.idle) await this.refreshWatchers(names, watchers, queue, signal);
        await sleep(continuous.pollIntervalMs, signal);
      }
    } finally {
      queue.clear();
      await Promise.all([...watchers.values()].map((watcher) => (watcher === "no-idle" ? undefined : watcher.stop())));
      await queue.drained();
    }
  }

  /** The accounts to pull; a name given with `--account` that does not exist fails here (DoesNotExistError). */
  private async accountNames(): Promise<string[]> {
    if (this.options.accounts) {
      for (const name of this.options.accounts) await this.options.site.get("Email Account", name);
      return this.options.accounts;
    }
    const rows = await this.options.site.getList("Email Account", { fields: ["name"], orderBy: "name asc", limit: 0 });
    return rows.map((row) => cstr(row.name));
  }

  /** One account's pull; any failure becomes part of its report, so the others still run. */
  private async pullReported(name: string, signal?: AbortSignal): Promise<PullReport> {
    let report: PullReport;
    try {
      report = await pullAccount(this.options.site, name, {
        connections: this.options.connections,
        log: this.log,
        siteHost: this.options.siteHost,
        ...(signal ? { signal } : {}),
        ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}),
        ...(this.options.ingest ? { ingest: this.options.ingest } : {}),
        ...(this.options.limits ? { limits: this.options.limits } : {}),
        ...(this.options.cursors ? { cursors: this.options.cursors } : {}),
      });
    } catch (err) {
      const error = describeImapError(err);
      this.log.error({ account: name, error }, "pull failed");
      report = { account: name, folders: [], errors: [error], aborted: signal?.aborted === true };
    }
    this.options.onReport?.(report);
    return report;
  }

  /** One IDLE watcher per eligible account's INBOX row; watchers of accounts no longer eligible stop. */
  private async refreshWatchers(names: string[], watchers: Map<string, IdleWatcher | "no-idle">, queue: PullQueue, signal: AbortSignal): Promise<void> {
    const wanted = new Set<string>();
    for (const name of names) {
      const account = await this.options.site.get("Email Account", name);
      if (pullSkipReason(account)) continue;
      for (const row of imapFolderRows(account).filter((folderRow) => isInbox(cstr(folderRow.folder_name).trim()))) {
        const folder = cstr(row.folder_name).trim();
        const key = `${name}\u0000${folder}`;
        wanted.add(key);
        if (watchers.has(key) || signal.aborted) continue;
        const watcher = new IdleWatcher({ connections: this.options.connections, account, folder, log: this.log, onNewMail: () => queue.request(name) });
        try {
          watchers.set(key, (await watcher.start()) ? watcher : "no-idle");
        } catch (err) {
          // Tried again at the next poll; the polls keep the mail coming meanwhile.
          this.log.warn({ account: name, folder, error: describeImapError(err) }, "IDLE watcher not started");
        }
      }
    }
    for (const [key, watcher] of watchers) {
      if (wanted.has(key)) continue;
      watchers.delete(key);
      if (watcher !== "no-idle") await watcher.stop();
    }
  }
}
