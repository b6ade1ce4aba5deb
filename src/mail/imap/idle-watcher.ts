import type { ImapFlow } from "imapflow";
import { cstr, type Doc } from "../../core/doc";
import type { Logger } from "../../core/logger";
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF, sleep } from "./backoff";
import type { ImapConnections } from "./imap-connections";
import { describeImapError } from "./imap-errors";

export interface IdleWatcherOptions {
  connections: ImapConnections;
  account: Doc;
  folder: string;
  log: Logger;
  /** Called when the folder holds more mail than before (and after a reconnect, in case mail came meanwhile). */
  onNewMail: () => void;
  backoff?: BackoffPolicy;
  /** IDLE is broken and restarted this often: a silently dead IDLE (imapflow #14, #98) is noticed. */
  maxIdleTimeMs?: number;
}

const DEFAULT_MAX_IDLE_MS = 4 * 60_000;

/**
 * Keeps a connection of its own IDLE on one folder (an account's INBOX) so new mail is pulled within
 * seconds instead of at the next poll. The connection is re-made with backoff when it drops.
 */
export class IdleWatcher {
  private client: ImapFlow | undefined;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly log: Logger;

  constructor(private readonly options: IdleWatcherOptions) {
    this.log = options.log.child({ account: cstr(options.account.name), folder: options.folder, role: "idle" });
  }

  /** Connects and starts watching; false (and nothing kept open) when the server has no IDLE. */
  async start(): Promise<boolean> {
    const client = await this.open();
    if (!client) return false;
    this.loop = this.watch(client);
    return true;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.client?.close();
    await this.loop;
  }

  /** A connected client with the folder selected, or undefined when the server cannot IDLE. */
  private async open(): Promise<ImapFlow | undefined> {
    const client = await this.options.connections.dedicated(
      this.options.account,
      { disableAutoIdle: false, autoIdleDelay: 100, maxIdleTime: this.options.maxIdleTimeMs ?? DEFAULT_MAX_IDLE_MS },
      this.stopping.signal,
    );
    if (!client.capabilities.has("IDLE")) {
      this.log.info({}, "the server has no IDLE: new mail waits for the next poll");
      await client.logout().catch(() => client.close());
      return undefined;
    }
    client.on("exists", (event: { count: number; prevCount: number }) => {
      if (event.count > event.prevCount) this.options.onNewMail();
    });
    await client.mailboxOpen(this.options.folder, { readOnly: true });
    this.client = client;
    this.log.info({}, "watching for new mail (IDLE)");
    return client;
  }

  /** Waits for the connection to drop, then reconnects (with backoff) until stopped. */
  private async watch(first: ImapFlow): Promise<void> {
    let client: ImapFlow | undefined = first;
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      if (client) {
        const current = client;
        await new Promise<void>((resolve) => (current.usable ? current.once("close", () => resolve()) : resolve()));
        this.client = undefined;
        if (this.stopping.signal.aborted) break;
        this.log.warn({}, "IDLE connection closed; reconnecting");
      }
      await sleep(backoffDelay(failures + 1, this.options.backoff ?? DEFAULT_BACKOFF), this.stopping.signal);
      if (this.stopping.signal.aborted) break;
      try {
        client = await this.open();
        if (!client) break;
        failures = 0;
        // Mail may have arrived while the connection was down.
        this.options.onNewMail();
      } catch (err) {
        client = undefined;
        failures += 1;
        this.log.warn({ attempt: failures, error: describeImapError(err) }, "IDLE reconnect failed");
      }
    }
    this.client?.close();
  }
}
