import path from "node:path";
import type { Doc } from "../../../src/core/doc";
import type { HookRegistry } from "../../../src/core/hook-registry";
import type { Site } from "../../../src/core/site";
import { type CursorStore, cursorFileFor, FileCursorStore, ImapConnections, pullAccount, type PullReport } from "../../../src/mail/imap";
import { openLocalSite } from "../../../src/open-site";
import { createFrappeServer, type Fault, type FrappeServer, type ListeningServer } from "../../../src/server";
import type { LocalSite } from "../../../src/site/local-site";
import { RemoteSite, type RetryPolicy } from "../../../src/site/remote";
import { capturingLogger, type LogLine } from "../../controllers/email_account.fixture";
import { tempDir } from "../../helpers/temp-site";
import { rig, type RigUserName } from "../../rig";
import { type CountingProxy, startCountingProxy } from "./connection-counter";

export const SITE_HOST = "frappe-email-account.local";
export const API_KEY = "fea-mail-remote-key";
export const API_SECRET = "fea-mail-remote-secret-5d1e";

export interface RigAccountOptions {
  name?: string;
  /** The INBOX row's Append To (e.g. "Issue"). */
  appendTo?: string;
  createContact?: 0 | 1;
  /** How many of the newest mails the first pull takes (default 250, as the DocType's). */
  initialSyncCount?: 100 | 250 | 500;
}

/** An IMAP Email Account on the rig for `user` (ALL mail, implicit TLS), its password included. */
export function rigAccount(user: RigUserName, options: RigAccountOptions = {}): Doc {
  const { host, imap, users } = rig();
  return {
    doctype: "Email Account",
    email_id: users[user].email,
    email_account_name: options.name ?? `${user[0]?.toUpperCase()}${user.slice(1)}`,
    password: users[user].password,
    enable_incoming: 1,
    use_imap: 1,
    email_server: host,
    use_ssl: 1,
    incoming_port: String(imap.tls),
    email_sync_option: "ALL",
    create_contact: options.createContact ?? 1,
    initial_sync_count: String(options.initialSyncCount ?? 250),
    imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX", ...(options.appendTo ? { append_to: options.appendTo } : {}) }],
  };
}

/** One pull of `account` into `site` with fresh connections trusting the rig's certificate (cursors: by the site's kind unless given). */
export async function pullInto(site: Site, account: string, log = capturingLogger(), cursors?: CursorStore): Promise<PullReport> {
  const connections = new ImapConnections({ site, log, ca: rig().ca });
  try {
    return await pullAccount(site, account, { connections, log, siteHost: SITE_HOST, ...(cursors ? { cursors } : {}) });
  } finally {
    await connections.close();
  }
}

/** One answered request, as the server logged it. */
export interface RequestLine {
  method: string;
  path: string;
  status: number;
  /** How long the server took to answer it. */
  ms: number;
}

export interface RemoteMailSiteOptions {
  /** The client's deadline per request; short, so that delay faults can outlast it. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** The served site's hooks (default: this app's). */
  hooks?: HookRegistry;
}

/**
 * The remote set-up under test: a fresh embedded site (its controllers make Contacts and the like,
 * as a Frappe site's do) served over real HTTP by the Frappe-compatible server, a counting TCP relay
 * in front of it, and a RemoteSite talking to it through the relay. `local` is for arranging and
 * checking what landed; the mail engine only ever sees `remote`.
 */
export class RemoteMailSite {
  private constructor(
    private readonly temp: { dir: string; file: string; cleanup: () => void },
    /** What the mail engine and the client logged. */
    readonly engineLog: ReturnType<typeof capturingLogger>,
    /** What the server logged: one "request" line per answered request. */
    readonly serverLog: ReturnType<typeof capturingLogger>,
    readonly local: LocalSite,
    readonly server: FrappeServer,
    private readonly listening: ListeningServer,
    readonly proxy: CountingProxy,
    readonly remote: RemoteSite,
  ) {}

  static async start(options: RemoteMailSiteOptions = {}): Promise<RemoteMailSite> {
    const temp = tempDir("fea-mail-remote-");
    const local = openLocalSite({ file: temp.file, ...(options.hooks ? { hooks: options.hooks } : {}) });
    const serverLog = capturingLogger();
    const server = createFrappeServer({ site: local, apiKeys: [{ key: API_KEY, secret: API_SECRET }], log: serverLog });
    const listening = await server.listen(0);
    const proxy = await startCountingProxy(listening.port);
    const engineLog = capturingLogger();
    const remote = new RemoteSite({
      url: proxy.url,
      credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
      meta: local.meta,
      log: engineLog,
      timeoutMs: options.timeoutMs ?? 10_000,
      retry: { baseDelayMs: 20, maxDelayMs: 100, ...options.retry },
    });
    return new RemoteMailSite(temp, engineLog, serverLog, local, server, listening, proxy, remote);
  }

  /** The account, stored on the served site as an administrator would set it up there. */
  async addAccount(user: RigUserName, options: RigAccountOptions = {}): Promise<string> {
    const { doc } = await this.local.insert(rigAccount(user, options), { noConnect: true });
    return String(doc.name);
  }

  /** Where the pulls keep this site's IMAP cursors (as `sync` would under FEA_STATE_DIR), inside the test's folder. */
  get cursorDir(): string {
    return path.join(this.temp.dir, "state", "cursors");
  }

  /** The cursor file of this site. */
  get cursorFile(): string {
    return cursorFileFor(this.cursorDir, this.remote.label);
  }

  /** One pull, as one `sync --once` run: fresh connections and a cursor store that reads the file anew. */
  pull(account: string): Promise<PullReport> {
    return pullInto(this.remote, account, this.engineLog, new FileCursorStore({ siteUrl: this.remote.label, dir: this.cursorDir, log: this.engineLog }));
  }

  injectFault(fault: Fault): void {
    this.server.injectFault(fault);
  }

  /** Every request the server answered (dropped ones are not logged), oldest first. */
  requests(): RequestLine[] {
    return this.serverLog.lines
      .filter((line: LogLine) => line.msg === "request")
      .map((line: LogLine) => line.obj as RequestLine);
  }

  async close(): Promise<void> {
    await this.remote.close();
    await this.proxy.close();
    await this.listening.close();
    await this.local.close();
    this.temp.cleanup();
  }
}

/** Rows of a DocType on a site, every column, oldest first. */
export function rows(site: Site, doctype: string, filters: Record<string, unknown> = {}): Promise<Doc[]> {
  return site.getList(doctype, { fields: ["*"], filters, orderBy: "creation asc, name asc", limit: 0 });
}
