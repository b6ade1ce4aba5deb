import { ImapFlow } from "imapflow";
import { cint, cstr, type Doc } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import { imapClientOptions, imapServerSettings } from "../imap/connection-settings";

export interface SentFolderOptions {
  /** An extra CA to trust (test rigs); certificates are always verified. */
  ca?: string | Buffer;
  log: Logger;
}

/** S18: only accounts that also read mail over IMAP have a Sent folder to write to. */
export function appendsToSentFolder(account: Doc): boolean {
  return cint(account.append_emails_to_sent_folder) === 1 && cint(account.enable_incoming) === 1 && cint(account.use_imap) === 1;
}

/**
 * S18: a copy of each sent mail APPENDed, flagged \Seen, to the account's `sent_folder_name`
 * (default "Sent"). One IMAP connection per account for the whole flush; a failure is logged
 * ("Unable to add to Sent folder") and never fails the send, as in Frappe.
 */
export class SentFolderAppender {
  private readonly clients = new Map<string, Promise<ImapFlow>>();

  constructor(private readonly options: SentFolderOptions) {}

  async append(site: Site, account: Doc, message: Buffer): Promise<boolean> {
    const name = cstr(account.name);
    const folder = cstr(account.sent_folder_name).trim() || "Sent";
    const log = this.options.log.child({ account: name, folder });
    try {
      const client = await this.client(site, account);
      await client.append(folder, message, ["\\Seen"]);
      return true;
    } catch (err) {
      this.clients.delete(name);
      log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, "Unable to add to Sent folder");
      return false;
    }
  }

  async close(): Promise<void> {
    const pending = [...this.clients.values()];
    this.clients.clear();
    for (const promise of pending) {
      const client = await promise.catch(() => undefined);
      if (!client) continue;
      await client.logout().catch(() => client.close());
    }
  }

  private client(site: Site, account: Doc): Promise<ImapFlow> {
    const name = cstr(account.name);
    let pending = this.clients.get(name);
    if (!pending) {
      pending = this.connect(site, account);
      this.clients.set(name, pending);
    }
    return pending;
  }

  private async connect(site: Site, account: Doc): Promise<ImapFlow> {
    const password = await site.getPassword("Email Account", cstr(account.name), "password");
    const options = imapClientOptions(imapServerSettings(account), password, this.options.ca === undefined ? {} : { ca: this.options.ca });
    const client = new ImapFlow(options);
    // Without a listener an idle drop would crash the process (imapflow emits 'error').
    client.on("error", (err: Error) => this.options.log.warn({ account: cstr(account.name), err: { message: err.message } }, "IMAP connection error"));
    await client.connect();
    return client;
  }
}
