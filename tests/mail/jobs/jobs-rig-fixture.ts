import type { Doc } from "../../../src/core/doc";
import { openLocalSite } from "../../../src/open-site";
import type { LocalSite } from "../../../src/site/local-site";
import { capturingLogger } from "../../controllers/email_account.fixture";
import { tempDir } from "../../helpers/temp-site";
import { rig } from "../../rig";

/** Outgoing settings shared by the jobs' rig tests (a secret, so unsubscribe links can be signed). */
export const RIG_OUTBOUND = { siteUrl: "https://erp.example.test", secret: "rig-jobs-secret" };
export const RIG_SITE_HOST = "erp.example.test";

/**
 * The rig's Support mailbox as one Email Account: IMAP (STARTTLS) into ToDos, sending through
 * submission (STARTTLS + AUTH), its password stored.
 */
export function rigSupport(fields: Record<string, unknown> = {}): Doc {
  const { host, smtp, imap, users } = rig();
  return {
    doctype: "Email Account",
    email_account_name: "Support",
    email_id: users.support.email,
    password: users.support.password,
    enable_incoming: 1,
    use_imap: 1,
    email_server: host,
    incoming_port: String(imap.plain),
    use_starttls: 1,
    email_sync_option: "ALL",
    imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX", append_to: "ToDo" }],
    enable_outgoing: 1,
    default_outgoing: 1,
    smtp_server: host,
    smtp_port: String(smtp.submission),
    use_tls: 1,
    ...fields,
  };
}

/** A real embedded site in a temporary folder; `close()` removes it. */
export class JobsSite {
  readonly temp = tempDir("fea-jobs-rig-");
  readonly log = capturingLogger();
  site: LocalSite = openLocalSite({ file: this.temp.file, log: this.log });

  async insert(doc: Doc): Promise<Doc> {
    return (await this.site.insert(doc, { noConnect: true })).doc;
  }

  /** Closes the site so another program (the CLI) can work on the file; `reopen()` reads it again. */
  async release(): Promise<void> {
    await this.site.close();
  }

  reopen(): LocalSite {
    this.site = openLocalSite({ file: this.temp.file, log: this.log });
    return this.site;
  }

  async close(): Promise<void> {
    await this.site.close().catch(() => undefined);
    this.temp.cleanup();
  }
}

/** Waits until `probe` answers true (polling every 50 ms); rejects after `timeoutMs`. */
export async function eventually(probe: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
