import fs from "node:fs";
import path from "node:path";
import type { Doc } from "../../../src/core/doc";
import { HookRegistry } from "../../../src/core/hook-registry";
import type { Logger } from "../../../src/core/logger";
import type { InboundMessage, IngestResult } from "../../../src/mail/inbound-message";
import { ingestMessage } from "../../../src/mail/inbound";
import { openLocalSite } from "../../../src/open-site";
import type { LocalSite } from "../../../src/site/local-site";
import { tempDir } from "../../helpers/temp-site";

export const SITE_HOST = "frappe-email-account.local";
const MAIL_DIR = path.join(__dirname, "../../data/mail");

/** A raw test mail from tests/data/mail. */
export function eml(name: string): Buffer {
  return fs.readFileSync(path.join(MAIL_DIR, name));
}

export interface MailSpec {
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  date?: string;
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
}

/** A small raw mail, CRLF line ends, for the cases that need ids made at test time. */
export function buildMail(spec: MailSpec = {}): Buffer {
  const lines = [
    `From: ${spec.from ?? "Sam Sender <sam@example.org>"}`,
    `To: ${spec.to ?? "support@example.com"}`,
    ...(spec.cc ? [`Cc: ${spec.cc}`] : []),
    `Subject: ${spec.subject ?? "Hello"}`,
    `Date: ${spec.date ?? "Mon, 03 Jun 2024 09:15:00 +0000"}`,
    ...(spec.messageId === null ? [] : [`Message-ID: <${spec.messageId ?? `${Math.random().toString(36).slice(2)}@example.org`}>`]),
    ...(spec.inReplyTo ? [`In-Reply-To: ${spec.inReplyTo}`] : []),
    ...(spec.references ? [`References: ${spec.references}`] : []),
    ...Object.entries(spec.headers ?? {}).map(([key, value]) => `${key}: ${value}`),
    "MIME-Version: 1.0",
    `Content-Type: ${spec.contentType ?? "text/plain; charset=utf-8"}`,
    "",
    spec.body ?? "Hello there.",
    "",
  ];
  return Buffer.from(lines.join("\r\n"));
}

/** A logger that keeps warnings, so tests can see what was reported. */
export function recordingLogger(): Logger & { warnings: Array<{ obj: object; msg: string }> } {
  const warnings: Array<{ obj: object; msg: string }> = [];
  const log: Logger & { warnings: typeof warnings } = {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    warn: (obj, msg) => void warnings.push({ obj, msg: msg ?? "" }),
    error: () => undefined,
    child: () => log,
  };
  return log;
}

/** A real embedded site in a temp folder, with helpers to make accounts and feed mails. */
export class InboundFixture {
  readonly tmp = tempDir("fea-inbound-");
  readonly hooks = new HookRegistry();
  readonly log = recordingLogger();
  readonly site: LocalSite;

  constructor(readonly now: () => Date = () => new Date("2024-06-10T12:00:00Z")) {
    this.site = openLocalSite({ file: this.tmp.file, hooks: this.hooks, log: this.log, now });
  }

  async account(name = "Support", email = "support@example.com", extra: Record<string, unknown> = {}): Promise<Doc> {
    await this.site.insert({ doctype: "Email Account", email_account_name: name, email_id: email, awaiting_password: 1, ...extra });
    return this.site.get("Email Account", name);
  }

  message(account: Doc, source: Buffer | NodeJS.ReadableStream, extra: Partial<InboundMessage> = {}): InboundMessage {
    return { account, folder: "INBOX", appendTo: "", uid: 1, uidvalidity: "1", seen: false, source, ...extra };
  }

  ingest(account: Doc, source: Buffer | NodeJS.ReadableStream, extra: Partial<InboundMessage> = {}): Promise<IngestResult> {
    return ingestMessage(this.site, this.message(account, source, extra), { log: this.log, siteHost: SITE_HOST, now: this.now });
  }

  async communication(name: string | undefined): Promise<Doc> {
    return this.site.get("Communication", String(name));
  }

  async files(communication: string | undefined): Promise<Doc[]> {
    return this.site.getList("File", {
      fields: ["name", "file_name", "file_url", "file_size", "is_private"],
      filters: { attached_to_doctype: "Communication", attached_to_name: String(communication) },
      orderBy: "creation asc",
      limit: 0,
    });
  }

  async close(): Promise<void> {
    await this.site.close();
    this.tmp.cleanup();
  }
}
