import crypto from "node:crypto";
import { Readable } from "node:stream";

export interface MultipartFile {
  filename: string;
  content: Buffer | NodeJS.ReadableStream;
  contentType?: string;
}

export interface MultipartBody {
  contentType: string;
  /** Known when the content is a Buffer; a stream is sent chunked. */
  length?: number;
  stream: Readable;
}

/** A quoted-string for Content-Disposition, escaped the way browsers do (quotes and line breaks percent-encoded). */
function quoted(value: string): string {
  return `"${value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}"`;
}

/**
 * A `multipart/form-data` body (text fields, then one file part named `file`, as Frappe's
 * `upload_file` reads it) produced as a stream: the file's content is passed through chunk by
 * chunk, never collected in memory.
 */
export function multipartBody(fields: Record<string, string>, file: MultipartFile): MultipartBody {
  const boundary = `----frappe-email-account-${crypto.randomBytes(12).toString("hex")}`;
  const head = Buffer.from(
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`)
      .join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=${quoted(file.filename)}\r\n` +
      `Content-Type: ${file.contentType ?? "application/octet-stream"}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const content = file.content;
  async function* parts(): AsyncGenerator<Buffer> {
    yield head;
    if (Buffer.isBuffer(content)) yield content;
    else for await (const chunk of content as AsyncIterable<Buffer | string>) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    yield tail;
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    ...(Buffer.isBuffer(content) ? { length: head.length + content.length + tail.length } : {}),
    stream: Readable.from(parts(), { objectMode: false }),
  };
}
