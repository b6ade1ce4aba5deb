import type { ImapFlow } from "imapflow";
import type { Readable } from "node:stream";
import { cstr, type Doc } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import type { InboundMessage, IngestResult } from "../inbound-message";
import { type FetchGroup, type FetchLimits, type MessageMeta, planFetchGroups } from "./fetch-plan";
import type { FolderCursor } from "./folder-cursor";
import { startFolder } from "./folder-start";
import { describeImapError } from "./imap-errors";
import { fetchMeta, fetchSources, markSeen, streamSource } from "./message-source";
import { countOutcome, type FolderPullReport } from "./pull-report";
import { inSiteTransaction } from "./site-transaction";
import { chunk } from "./uid-set";

/** `ingestMessage` of src/mail/inbound: one mail -> records; returns "unhandled" rather than throwing for a bad mail. */
export type IngestFunction = (site: Site, message: InboundMessage, options: { log: Logger; siteHost: string }) => Promise<IngestResult>;

export interface PullProgress {
  account: string;
  folder: string;
  done: number;
  total: number;
}

export interface FolderPullContext {
  site: Site;
  account: Doc;
  client: ImapFlow;
  log: Logger;
  siteHost: string;
  ingest: IngestFunction;
  limits: FetchLimits;
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
}

/** UIDs per metadata FETCH: one round trip per batch, not per message. */
const META_BATCH = 250;

/** Frappe's rule (P4): anything but ALL means UNSEEN. */
export function takesUnseenOnly(account: Doc): boolean {
  return cstr(account.email_sync_option) !== "ALL";
}

/** The UIDs to take, oldest first: those >= the cursor (`n:*` also names the newest mail when n is past it). */
async function candidateUids(client: ImapFlow, from: number, unseenOnly: boolean): Promise<number[]> {
  const found = await client.search({ uid: `${from}:*`, ...(unseenOnly ? { seen: false } : {}) }, { uid: true });
  if (!Array.isArray(found)) throw new Error("the server refused the UID SEARCH");
  return found.filter((uid) => uid >= from).sort((a, b) => a - b);
}

/**
 * Pulls one folder (its row's cursor in `cursor`): selects it (read-only unless UNSEEN mails must be
 * marked \Seen), places the cursor (P6), then fetches the mails past the cursor in batches and hands
 * them to the inbound code in UID order. The cursor moves past a mail only once it is stored or kept
 * (in the same transaction as its records, when the site has transactions). A mail whose hand-over
 * fails holds the cursor there (it is fetched again next time) while the mails after it are still
 * stored. Throws when the folder cannot be worked on (e.g. the connection dropped).
 */
export async function pullFolder(ctx: FolderPullContext, row: Doc, cursor: FolderCursor, report: FolderPullReport): Promise<void> {
  const folder = report.folder;
  const unseenOnly = takesUnseenOnly(ctx.account);
  const log = ctx.log.child({ folder });
  const selectedBefore = ctx.client.mailbox;
  const lock = await ctx.client.getMailboxLock(folder, { readOnly: !unseenOnly, description: "pull" });
  try {
    // A folder still selected from the last pull shows the server's state as of then (new mail, a
    // new UIDVALIDITY unseen): select it again for a fresh view.
    if (selectedBefore && ctx.client.mailbox === selectedBefore) await ctx.client.mailboxOpen(folder, { readOnly: !unseenOnly });
    const start = await startFolder(ctx.site, ctx.client, ctx.account, folder, cursor);
    report.mode = start.mode;
    report.uidvalidity = start.uidvalidity;
    if (start.mode !== "incremental") log.info({ mode: start.mode, uidvalidity: start.uidvalidity, from: cursor.uidnext, forgotten: start.forgotten }, "folder (re)started");
    const selectedUidNext = ctx.client.mailbox ? ctx.client.mailbox.uidNext : cursor.uidnext;
    const run = new FolderRun(ctx, row, cursor, report, unseenOnly, log);
    await run.take(await candidateUids(ctx.client, cursor.uidnext, unseenOnly));
    // Every mail below UIDNEXT (as of SELECT) was looked at: the rest of the range holds nothing to take.
    if (!run.held && !ctx.signal?.aborted) await cursor.advance(selectedUidNext);
  } finally {
    lock.release();
    report.uidnext = cursor.uidnext;
  }
}

/** One pass over a folder's candidate mails. */
class FolderRun {
  /** Set once a hand-over failed: the cursor stays before that mail. */
  held = false;
  private done = 0;
  private total = 0;

  constructor(
    private readonly ctx: FolderPullContext,
    private readonly row: Doc,
    private readonly cursor: FolderCursor,
    private readonly report: FolderPullReport,
    private readonly unseenOnly: boolean,
    private readonly log: Logger,
  ) {}

  async take(uids: number[]): Promise<void> {
    this.total = uids.length;
    this.progress();
    for (const batch of chunk(uids, META_BATCH)) {
      if (this.ctx.signal?.aborted) return;
      let metas = await fetchMeta(this.ctx.client, batch);
      // P10: in UNSEEN mode a mail someone read meanwhile is not taken.
      if (this.unseenOnly) metas = metas.filter((meta) => !meta.seen);
      for (const group of planFetchGroups(metas, this.ctx.limits)) {
        if (this.ctx.signal?.aborted) return;
        const handled = await this.takeGroup(group);
        // Only now, with the mails stored, may the server learn they were read.
        if (this.unseenOnly && handled.length > 0) {
          await markSeen(this.ctx.client, handled);
          this.report.markedSeen += handled.length;
        }
      }
    }
  }

  /** Returns the UIDs stored or kept. */
  private async takeGroup(group: FetchGroup): Promise<number[]> {
    if (group.kind === "streamed") return this.takeStreamed(group.message);
    const sources = await fetchSources(
      this.ctx.client,
      group.messages.map((meta) => meta.uid),
    );
    const handled: number[] = [];
    for (const meta of group.messages) {
      if (this.ctx.signal?.aborted) break;
      const source = sources.get(meta.uid);
      sources.delete(meta.uid);
      if (!source) continue; // expunged since the metadata FETCH: nothing left to take
      this.report.fetched += 1;
      if (await this.handOver(meta, source)) handled.push(meta.uid);
    }
    return handled;
  }

  private async takeStreamed(meta: MessageMeta): Promise<number[]> {
    const stream = await streamSource(this.ctx.client, meta.uid);
    if (!stream) return [];
    this.report.fetched += 1;
    this.report.streamed += 1;
    this.log.info({ uid: meta.uid, size: meta.size }, "streaming a large message with download()");
    try {
      return (await this.handOver(meta, stream.content, stream.failure)) ? [meta.uid] : [];
    } finally {
      stream.finish();
    }
  }

  /** Hands one mail to the inbound code and moves the cursor past it; undefined when that failed. */
  private async handOver(meta: MessageMeta, source: Buffer | Readable, streamFailure?: () => unknown): Promise<IngestResult | undefined> {
    const message: InboundMessage = {
      account: this.ctx.account,
      folder: this.report.folder,
      appendTo: cstr(this.row.append_to),
      uid: meta.uid,
      uidvalidity: this.report.uidvalidity,
      seen: meta.seen,
      source,
      size: meta.size,
    };
    try {
      const result = await inSiteTransaction(this.ctx.site, async () => {
        const outcome = await this.ctx.ingest(this.ctx.site, message, { log: this.log, siteHost: this.ctx.siteHost });
        // A stream cut short (connection lost) was not the whole mail: undo what was written from it.
        const failure = streamFailure?.();
        if (failure) throw failure;
        if (!this.held) await this.cursor.advance(meta.uid + 1);
        return outcome;
      });
      countOutcome(this.report, result.status);
      return result;
    } catch (err) {
      this.held = true;
      const error = describeImapError(err);
      this.report.errors.push(`UID ${meta.uid}: ${error}`);
      this.log.error({ uid: meta.uid, error }, "mail not stored; it is fetched again on the next pull");
      // Without a connection the rest of the folder cannot be read: let the caller reconnect.
      if (!this.ctx.client.usable) throw err;
      return undefined;
    } finally {
      this.done += 1;
      this.progress();
    }
  }

  private progress(): void {
    this.ctx.onProgress?.({ account: cstr(this.ctx.account.name), folder: this.report.folder, done: this.done, total: this.total });
  }
}
