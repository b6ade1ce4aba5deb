import { once } from "node:events";
import fs from "node:fs";
import { finished } from "node:stream/promises";
import type { AttachmentStream } from "mailparser";
import { randomHash } from "../../core/naming";
import type { WorkDir } from "./work-dir";

/** P21: an account's `attachment_limit` of 0 or empty means this many MB. */
export const DEFAULT_ATTACHMENT_LIMIT_MB = 25;

/** One attachment written to the mail's work folder, waiting to be uploaded. */
export interface SpooledAttachment {
  filename: string;
  contentType: string;
  /** Content-ID without angle brackets: `cid:` references in the HTML point at it (P20). */
  cid?: string;
  size: number;
  path: string;
}

/** An attachment that was not stored; it is listed on the Communication instead of being lost. */
export interface SkippedAttachment {
  filename: string;
  contentType: string;
  size: number;
  reason: string;
}

const EXTENSIONS: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "image/svg+xml": ".svg",
  "application/pdf": ".pdf",
  "text/plain": ".txt",
  "text/html": ".html",
  "text/calendar": ".ics",
  "text/rfc822-headers": ".txt",
  "message/rfc822": ".eml",
  "message/delivery-status": ".txt",
};

/** The attachment limit in bytes from the account's `attachment_limit` (MB). */
export function attachmentLimitBytes(limitMb: unknown): number {
  const mb = Number(limitMb);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_ATTACHMENT_LIMIT_MB) * 1024 * 1024;
}

/**
 * The name an attachment is stored under (P11): the decoded file name without line breaks, or a
 * random name with an extension for its content type when the part has none.
 */
export function attachmentFilename(filename: string | undefined, contentType: string): string {
  const cleaned = (filename ?? "").replace(/\r/g, "").replace(/\n/g, " ").trim();
  if (cleaned !== "") return cleaned;
  return `${randomHash(7)}${EXTENSIONS[contentType.toLowerCase()] ?? ".bin"}`;
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** True for a forwarded mail carried as a part (Outlook's "attach as item"). */
export function isEmbeddedMessage(contentType: string): boolean {
  return /^message\/(rfc822|global)$/i.test(contentType);
}

/**
 * Receives mailparser's attachment streams and writes each to a file in the work folder, so that no
 * attachment is ever held in memory. A part larger than the limit is read to its end (the parser
 * waits for that) without being kept, and recorded as skipped with its size.
 */
export class AttachmentSpool {
  readonly stored: SpooledAttachment[] = [];
  readonly skipped: SkippedAttachment[] = [];

  constructor(
    private readonly work: WorkDir,
    readonly limitBytes: number,
  ) {}

  /**
   * Consumes one attachment and releases it. Forwarded mails go to `embedded` (their caller parses
   * them); every other part joins `stored`, or `skipped` when it is over the limit.
   */
  async accept(attachment: AttachmentStream, embedded: SpooledAttachment[], progress: () => void = () => undefined): Promise<void> {
    try {
      const contentType = (attachment.contentType || "application/octet-stream").toLowerCase();
      const filename = attachmentFilename(attachment.filename, contentType);
      const path = this.work.file("part");
      const size = await this.writeLimited(attachment.content, path, progress);
      if (size > this.limitBytes) {
        this.skipped.push({ filename, contentType, size, reason: `larger than the attachment limit of ${describeBytes(this.limitBytes)}` });
        return;
      }
      const spooled: SpooledAttachment = { filename, contentType, size, path, ...(attachment.cid ? { cid: attachment.cid } : {}) };
      (isEmbeddedMessage(contentType) ? embedded : this.stored).push(spooled);
    } finally {
      attachment.release?.();
    }
  }

  /** Writes the stream to `path` until it passes the limit, then only counts; returns the full size. */
  private async writeLimited(content: NodeJS.ReadableStream, path: string, progress: () => void): Promise<number> {
    const out = fs.createWriteStream(path, { mode: 0o600 });
    const closed = finished(out);
    closed.catch(() => undefined); // awaited below; a write error also surfaces through `once`
    let size = 0;
    let writing = true;
    try {
      for await (const chunk of content as AsyncIterable<Buffer>) {
        size += chunk.length;
        progress();
        if (writing && size > this.limitBytes) writing = false;
        if (writing && !out.write(chunk)) await once(out, "drain");
      }
    } finally {
      out.end();
    }
    await closed;
    if (!writing) fs.rmSync(path, { force: true });
    return size;
  }
}
