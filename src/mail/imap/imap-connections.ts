import { createHash } from "node:crypto";
import { ImapFlow, type ImapFlowOptions } from "imapflow";
import { cstr, type Doc } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import { IncomingEmailError } from "../../errors";
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF, sleep } from "./backoff";
import { type ClientTuning, imapClientOptions, imapServerSettings } from "./connection-settings";
import { describeImapError, isRetryableConnectError } from "./imap-errors";

export interface ImapConnectionsOptions extends ClientTuning {
  site: Site;
  log: Logger;
  backoff?: BackoffPolicy;
  /** For tests: the jitter's source of randomness. */
  random?: () => number;
}

interface PooledClient {
  client: ImapFlow;
  /** Settings + password hash: a changed account gets a new connection. Kept in memory only. */
  fingerprint: string;
}

/**
 * One imapflow client per account, reused across folders and runs. A client the server or the
 * network dropped is replaced on the next request; connecting retries with exponential backoff and
 * jitter (bounded), except for a refused login or certificate, which no retry fixes.
 */
export class ImapConnections {
  private readonly pool = new Map<string, PooledClient>();
  private readonly backoff: BackoffPolicy;
  private closed = false;
  /** Successful logins made so far (pooled and dedicated): lets callers see reuse at work. */
  connects = 0;

  constructor(private readonly options: ImapConnectionsOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** The account's pooled, connected client (a new one when there is none or it is no longer usable). */
  async client(account: Doc, signal?: AbortSignal): Promise<ImapFlow> {
    const name = cstr(account.name);
    const { options, fingerprint } = await this.clientOptions(account);
    const pooled = this.pool.get(name);
    if (pooled && pooled.fingerprint === fingerprint && pooled.client.usable) return pooled.client;
    if (pooled) this.discard(name);
    const client = await this.connect(name, options, signal);
    this.pool.set(name, { client, fingerprint });
    return client;
  }

  /** A fresh connection of its own (not pooled), e.g. for IDLE; the caller closes it. */
  async dedicated(account: Doc, extra: Partial<ImapFlowOptions>, signal?: AbortSignal): Promise<ImapFlow> {
    const { options } = await this.clientOptions(account);
    return this.connect(cstr(account.name), { ...options, ...extra }, signal);
  }

  /** Drops the account's pooled client (after a connection loss): the next request reconnects. */
  discard(accountName: string): void {
    const pooled = this.pool.get(accountName);
    this.pool.delete(accountName);
    pooled?.client.close();
  }

  /** Logs out of every pooled connection; no new ones are made afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const clients = [...this.pool.values()].map((pooled) => pooled.client);
    this.pool.clear();
    await Promise.all(
      clients.map(async (client) => {
        try {
          if (client.usable) await client.logout();
        } catch {
          // Shutting down: a connection that fails to say goodbye is closed all the same.
        } finally {
          client.close();
        }
      }),
    );
  }

  private async clientOptions(account: Doc): Promise<{ options: ImapFlowOptions; fingerprint: string }> {
    const settings = imapServerSettings(account);
    const password = await this.options.site.getPassword("Email Account", cstr(account.name), "password");
    const options = imapClientOptions(settings, password, this.options);
    const fingerprint = createHash("sha256").update(JSON.stringify([settings, password])).digest("hex");
    return { options, fingerprint };
  }

  private async connect(accountName: string, options: ImapFlowOptions, signal?: AbortSignal): Promise<ImapFlow> {
    const log = this.options.log.child({ account: accountName, host: options.host, port: options.port });
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new IncomingEmailError(`Error while connecting to email account ${accountName}: the connections are closed`);
      const client = new ImapFlow(options);
      // Without a listener, an error on an idle connection would crash the process.
      client.on("error", (err: unknown) => log.warn({ error: describeImapError(err) }, "IMAP connection error"));
      try {
        await client.connect();
        this.connects += 1;
        return client;
      } catch (err) {
        client.close();
        const error = describeImapError(err);
        const retry = attempt < this.backoff.attempts && isRetryableConnectError(err) && !signal?.aborted;
        if (!retry) {
          log.error({ attempt, error }, "IMAP connect failed");
          throw new IncomingEmailError(`Error while connecting to email account ${accountName}: ${error}`, { title: `Error while connecting to email account ${accountName}` });
        }
        const waitMs = backoffDelay(attempt, this.backoff, this.options.random);
        log.warn({ attempt, attempts: this.backoff.attempts, error, retryInMs: waitMs }, "IMAP connect failed, retrying");
        await sleep(waitMs, signal);
      }
    }
  }
}
