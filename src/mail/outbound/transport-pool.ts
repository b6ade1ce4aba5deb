import { createTransport } from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import type { SMTPPoolOptions } from "nodemailer/lib/smtp-pool";
import { cstr, type Doc } from "../../core/doc";
import { type Logger, silentLogger } from "../../core/logger";
import type { Site } from "../../core/site";
import { type TrustOptions, tlsOptionsFor } from "../connect/tls-trust";
import { type SmtpSettings, settingsFingerprint, smtpSettings } from "./smtp-settings";

export interface TransportPoolOptions {
  /**
   * An extra certificate authority to trust besides the system's (a company CA, or a test rig's
   * self-signed certificate). Certificates and host names are always verified.
   */
  tls?: TrustOptions;
  log?: Logger;
  /** Connections per account (nodemailer's `maxConnections`); the flush sends one message at a time. */
  maxConnections?: number;
  /** Messages per connection before it is replaced. */
  maxMessages?: number;
  /** Milliseconds; Frappe's SMTP timeout is 120 s. */
  socketTimeout?: number;
  connectionTimeout?: number;
}

interface PoolEntry {
  fingerprint: string;
  transport: Mail;
  settings: SmtpSettings;
}

/**
 * One pooled nodemailer transport per Email Account, kept across flushes and rebuilt when the
 * account's server, login or password changes. `close()` ends every connection (for a clean stop).
 */
export class TransportPool {
  private readonly entries = new Map<string, PoolEntry>();
  private readonly options: TransportPoolOptions;
  private readonly log: Logger;
  /** How many transports were created so far (a reused pool does not add one). */
  created = 0;

  constructor(options: TransportPoolOptions = {}) {
    this.options = options;
    this.log = (options.log ?? silentLogger).child({ component: "smtp-pool" });
  }

  get size(): number {
    return this.entries.size;
  }

  /** The account's transport, made on first use. Throws when the account cannot be used (no server, no password). */
  async transportFor(site: Site, account: Doc): Promise<{ transport: Mail; settings: SmtpSettings }> {
    const settings = await smtpSettings(site, account);
    const fingerprint = settingsFingerprint(settings);
    const existing = this.entries.get(settings.account);
    if (existing && existing.fingerprint === fingerprint) return existing;
    if (existing) {
      this.log.info({ account: settings.account }, "account settings changed: new SMTP pool");
      existing.transport.close();
    }
    const entry: PoolEntry = { fingerprint, transport: createTransport(this.transportOptions(settings)), settings };
    this.created += 1;
    this.entries.set(settings.account, entry);
    return entry;
  }

  /** Drops one account's transport (e.g. after its server refused the login). */
  forget(account: Doc | string): void {
    const name = typeof account === "string" ? account : cstr(account.name);
    this.entries.get(name)?.transport.close();
    this.entries.delete(name);
  }

  async close(): Promise<void> {
    for (const entry of this.entries.values()) entry.transport.close();
    this.entries.clear();
  }

  private transportOptions(settings: SmtpSettings): SMTPPoolOptions & { pool: true } {
    return {
      pool: true,
      host: settings.host,
      port: settings.port,
      secure: settings.tls === "ssl",
      requireTLS: settings.tls === "starttls",
      // "No TLS" means what the account says: no opportunistic STARTTLS either (as Frappe).
      ignoreTLS: settings.tls === "none",
      tls: tlsOptionsFor(settings.host, true, this.options.tls),
      ...(settings.auth ? { auth: { user: settings.auth.user, pass: settings.auth.pass } } : {}),
      maxConnections: this.options.maxConnections ?? 2,
      maxMessages: this.options.maxMessages ?? 100,
      // A message whose connection dropped is retried by the flush, which knows what was delivered.
      maxRequeues: 0,
      connectionTimeout: this.options.connectionTimeout ?? 30_000,
      greetingTimeout: 30_000,
      socketTimeout: this.options.socketTimeout ?? 120_000,
      logger: false,
      debug: false,
      disableFileAccess: true,
      disableUrlAccess: true,
    };
  }
}
