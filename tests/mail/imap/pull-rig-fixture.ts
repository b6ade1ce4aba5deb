import type { Doc } from "../../../src/core/doc";
import { ImapConnections } from "../../../src/mail/imap";
import { openLocalSite } from "../../../src/open-site";
import type { LocalSite } from "../../../src/site/local-site";
import { capturingLogger } from "../../controllers/email_account.fixture";
import { tempDir } from "../../helpers/temp-site";
import { rig, type RigUserName } from "../../rig";

export const SITE_HOST = "frappe-email-account.local";

export interface RigAccountOptions {
  name?: string;
  folders?: Array<{ folder_name: string; append_to?: string }>;
  syncOption?: "ALL" | "UNSEEN";
  initialSyncCount?: 100 | 250 | 500;
  tls?: "ssl" | "starttls";
}

/** A real embedded site in a temporary folder, with a capturing logger; `close()` removes it all. */
export class PullSite {
  readonly temp = tempDir("fea-imap-pull-");
  readonly log = capturingLogger();
  readonly site: LocalSite = openLocalSite({ file: this.temp.file, log: this.log });

  /** An IMAP Email Account on the rig for `user`, its password stored; returns its name. */
  async addAccount(user: RigUserName, options: RigAccountOptions = {}): Promise<string> {
    const { host, imap, users } = rig();
    const tls = options.tls ?? "ssl";
    const account: Doc = {
      doctype: "Email Account",
      email_id: users[user].email,
      email_account_name: options.name ?? `${user[0]?.toUpperCase()}${user.slice(1)}`,
      password: users[user].password,
      enable_incoming: 1,
      use_imap: 1,
      email_server: host,
      use_ssl: tls === "ssl" ? 1 : 0,
      use_starttls: tls === "starttls" ? 1 : 0,
      incoming_port: String(tls === "ssl" ? imap.tls : imap.plain),
      email_sync_option: options.syncOption ?? "ALL",
      initial_sync_count: String(options.initialSyncCount ?? 250),
      imap_folder: (options.folders ?? [{ folder_name: "INBOX" }]).map((row) => ({ doctype: "IMAP Folder", ...row })),
    };
    const { doc } = await this.site.insert(account, { noConnect: true });
    return String(doc.name);
  }

  /** Connections trusting the rig's self-signed certificate. */
  connections(): ImapConnections {
    return new ImapConnections({ site: this.site, log: this.log, ca: rig().ca });
  }

  /** The account's folder rows as stored. */
  async folderRows(account: string): Promise<Doc[]> {
    return (await this.site.get("Email Account", account)).imap_folder as Doc[];
  }

  /** Every Communication of the account: message_id, uid, imap_folder, subject. */
  async communications(account: string): Promise<Doc[]> {
    return this.site.getList("Communication", {
      fields: ["name", "message_id", "uid", "imap_folder", "subject", "reference_doctype", "reference_name"],
      filters: { email_account: account },
      orderBy: "creation asc, name asc",
      limit: 0,
    });
  }

  async close(): Promise<void> {
    await this.site.close();
    this.temp.cleanup();
  }
}

/** A small, valid mail with a unique Message-ID. */
export function plainMail(id: string, subject = `Mail ${id}`, extraHeaders = ""): string {
  return [
    "From: Customer <customer@outside.test>",
    "To: someone@example.test",
    `Subject: ${subject}`,
    `Message-ID: <${id}@outside.test>`,
    "Date: Tue, 04 Mar 2025 10:00:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    ...(extraHeaders ? [extraHeaders] : []),
    "",
    `Body of ${subject}.`,
    "",
  ].join("\r\n");
}

/** `count` mails with ids `${prefix}-1..count`. */
export function plainMails(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_unused, i) => plainMail(`${prefix}-${i + 1}`));
}
