import type { Logger } from "../core/logger";
import type { MailJobs } from "../core/mail-jobs";
import type { Site } from "../core/site";
import { type ContinuousOptions, type CursorStore, cursorStoreFor, type FetchLimits, type IngestFunction, ImapConnections, type PullProgress, type PullReport, PullService } from "./imap";
import { ingestMessage } from "./inbound";
import { DEFAULT_AUTO_REPLY_INTERVAL_HOURS, ingestWithAutoReply, notifyUnrepliedCommunications, type UnrepliedAccountReport } from "./jobs";
import { type FlushResult, flushQueue, type OutboundConfig, TransportPool } from "./outbound";

export interface MailEngineOptions {
  site: Site;
  log: Logger;
  /** The host of the Message-IDs this site generates (`FEA_SITE_HOST`): threading on the way in, ids on the way out. */
  siteHost: string;
  /** An extra CA to trust for IMAP and SMTP (a company CA, a test rig's self-signed certificate). */
  tls?: { ca?: string | Buffer };
  now?: () => Date;
  /** At most one auto-reply per sender and account in this many hours (default 24; 0: no limit). */
  autoReplyIntervalHours?: number;
  /** The sending side's site settings (`siteUrl`, `secret`, ...); the environment's otherwise. */
  outbound?: Partial<Omit<OutboundConfig, "siteHost">>;
  /** J3 settings: rows per flush, and Frappe's `mute_emails`. */
  flush?: { batchSize?: number; muted?: boolean };
  /** The inbound step (tests); `ingestMessage` by default. Auto-replies are added behind it either way. */
  ingest?: IngestFunction;
  limits?: FetchLimits;
  /** Where the IMAP cursors live: by the site's kind unless given (`cursorStoreFor`: the rows locally, a state file for a remote site). */
  cursors?: CursorStore;
}

/** Which accounts a pull covers and who hears of its progress. */
export interface PullRunOptions {
  /** Only these Email Accounts (`sync --account`); all of them when absent. */
  accounts?: string[];
  onProgress?: (progress: PullProgress) => void;
  onReport?: (report: PullReport) => void;
}

/**
 * The mail engine: owns the IMAP connections and the SMTP pools for the life of the process and
 * runs the jobs hooks/index.ts schedules (J1 pull, J3 flush, J2 unreplied notifications). Every
 * new Communication a pull creates is answered right away when its account has auto-reply on.
 */
export interface MailEngine extends MailJobs {
  readonly connections: ImapConnections;
  readonly transports: TransportPool;
  /** J1: every eligible account once. While a continuous pull runs (`sync`), J1 has nothing to add. */
  pullAll(signal: AbortSignal): Promise<void>;
  /** Each account once (`sync --once`); accounts not to be pulled are reported with the reason. */
  pullOnce(signal: AbortSignal, options?: PullRunOptions): Promise<PullReport[]>;
  /** Pulls now, then on every poll and every IDLE signal, until `signal` aborts (`sync`). */
  runContinuousPull(signal: AbortSignal, continuous: ContinuousOptions, options?: PullRunOptions): Promise<void>;
  /** J3 (`flushQueue`) with its outcome: sends what the Email Queue holds. */
  flush(signal: AbortSignal): Promise<FlushResult>;
  /** J2 (`notifyUnreplied`) with its outcome per account. */
  notifyUnrepliedAccounts(signal: AbortSignal): Promise<UnrepliedAccountReport[]>;
  /** Logs out of IMAP and closes the SMTP pools; jobs afterwards do nothing. Stop the scheduler first. */
  close(): Promise<void>;
}

const EMPTY_FLUSH: FlushResult = { picked: 0, sent: 0, failed: 0, skipped: 0, rows: [] };

class Engine implements MailEngine {
  readonly connections: ImapConnections;
  readonly transports: TransportPool;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly ingest: IngestFunction;
  private readonly cursors: CursorStore;
  private closed = false;
  private continuousRuns = 0;
  private pulling: Promise<PullReport[]> | undefined;

  constructor(private readonly options: MailEngineOptions) {
    this.log = options.log.child({ component: "mail-engine" });
    this.now = options.now ?? (() => new Date());
    const ca = options.tls?.ca;
    this.connections = new ImapConnections({ site: options.site, log: options.log, ...(ca === undefined ? {} : { ca }) });
    this.transports = new TransportPool({ log: options.log, ...(ca === undefined ? {} : { tls: { ca } }) });
    this.cursors = options.cursors ?? cursorStoreFor(options.site, { log: options.log });
    this.ingest = ingestWithAutoReply(options.ingest ?? ingestMessage, {
      now: this.now,
      intervalHours: options.autoReplyIntervalHours ?? DEFAULT_AUTO_REPLY_INTERVAL_HOURS,
      config: this.outboundConfig(),
    });
  }

  async pullAll(signal: AbortSignal): Promise<void> {
    if (this.closed || signal.aborted) return;
    if (this.continuousRuns > 0) {
      this.log.debug({}, "J1 pull skipped: the continuous pull (IDLE + polling) is running");
      return;
    }
    // A pull still running when J1 comes again is not started twice (Frappe's job_name rule).
    this.pulling ??= this.pullOnce(signal).finally(() => (this.pulling = undefined));
    await this.pulling;
  }

  async pullOnce(signal: AbortSignal, options: PullRunOptions = {}): Promise<PullReport[]> {
    if (this.closed) return [];
    return this.pullService(options).pullOnce(signal);
  }

  async runContinuousPull(signal: AbortSignal, continuous: ContinuousOptions, options: PullRunOptions = {}): Promise<void> {
    if (this.closed) return;
    this.continuousRuns += 1;
    try {
      await this.pullService(options).runUntil(signal, continuous);
    } finally {
      this.continuousRuns -= 1;
    }
  }

  async flushQueue(signal: AbortSignal): Promise<void> {
    await this.flush(signal);
  }

  async notifyUnreplied(signal: AbortSignal): Promise<void> {
    await this.notifyUnrepliedAccounts(signal);
  }

  async flush(signal: AbortSignal): Promise<FlushResult> {
    if (this.closed || signal.aborted) return { ...EMPTY_FLUSH, rows: [] };
    const result = await flushQueue(this.options.site, {
      transports: this.transports,
      log: this.options.log,
      now: this.now,
      config: this.outboundConfig(),
      ...(this.options.tls?.ca === undefined ? {} : { imapCa: this.options.tls.ca }),
      ...(this.options.flush?.batchSize === undefined ? {} : { batchSize: this.options.flush.batchSize }),
      ...(this.options.flush?.muted ? { muted: true } : {}),
    });
    if (result.picked > 0 || result.aborted) {
      this.log.info({ picked: result.picked, sent: result.sent, failed: result.failed, skipped: result.skipped, aborted: result.aborted }, "Email Queue flushed");
    }
    return result;
  }

  async notifyUnrepliedAccounts(signal: AbortSignal): Promise<UnrepliedAccountReport[]> {
    if (this.closed || signal.aborted) return [];
    return notifyUnrepliedCommunications(this.options.site, { log: this.options.log, now: this.now(), config: this.outboundConfig(), signal });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.connections.close(), this.transports.close()]);
    this.log.info({}, "mail connections closed");
  }

  private pullService(options: PullRunOptions): PullService {
    return new PullService({
      site: this.options.site,
      connections: this.connections,
      log: this.options.log,
      siteHost: this.options.siteHost,
      ingest: this.ingest,
      cursors: this.cursors,
      ...(this.options.limits ? { limits: this.options.limits } : {}),
      ...(options.accounts ? { accounts: options.accounts } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onReport ? { onReport: options.onReport } : {}),
    });
  }

  private outboundConfig(): Partial<OutboundConfig> {
    return { ...this.options.outbound, siteHost: this.options.siteHost };
  }
}

export function createMailEngine(options: MailEngineOptions): MailEngine {
  return new Engine(options);
}
