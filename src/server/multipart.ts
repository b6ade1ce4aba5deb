import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { InputError, ValidationError } from "../errors";
import type { BodyLimits } from "./types";

/** The uploaded `file` part, written to a temporary file while the body streams in. */
export interface SpooledFile {
  filename: string;
  contentType: string;
  path: string;
  size: number;
  /** Removes the temporary file (idempotent). */
  cleanup(): void;
}

export interface MultipartResult {
  fields: Record<string, string>;
  file?: SpooledFile;
}

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** Frappe's `MaxFileSizeReachedError` text; the size printed as Python prints `limit / 1048576` (25 MiB is "25.0"). */
function fileTooLarge(limit: number): ValidationError {
  const mb = limit / 1048576;
  return new ValidationError(`File size exceeded the maximum allowed size of ${Number.isInteger(mb) ? mb.toFixed(1) : String(mb)} MB`, { title: "File too big" });
}

/** `name` and `filename` of a part's Content-Disposition (quoted or bare, `filename*=UTF-8''…` too). */
function disposition(headers: string): { name: string; filename?: string; contentType: string } {
  const lines = headers.split("\r\n");
  const header = (wanted: string) => lines.find((l) => l.toLowerCase().startsWith(`${wanted}:`))?.slice(wanted.length + 1).trim() ?? "";
  const params: Record<string, string> = {};
  for (const m of header("content-disposition").matchAll(/;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const raw = (m[2] ?? "").trim();
    params[(m[1] ?? "").toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw;
  }
  const extended = /^UTF-8''(.*)$/i.exec(params["filename*"] ?? "");
  const filename = extended ? decodeURIComponent(extended[1] ?? "") : params.filename;
  return { name: params.name ?? "", ...(filename === undefined ? {} : { filename }), contentType: header("content-type") || "application/octet-stream" };
}

/** Where one part's bytes go: a bounded text field, the spooled file, or nowhere (other file parts). */
interface PartSink {
  write(bytes: Buffer): Promise<void>;
  end(): Promise<void>;
  abort(): void;
}

class FieldSink implements PartSink {
  private readonly chunks: Buffer[] = [];
  constructor(private readonly onEnd: (text: string) => void, private readonly budget: { left: number; limit: number }) {}
  async write(bytes: Buffer): Promise<void> {
    this.budget.left -= bytes.length;
    if (this.budget.left < 0) throw new InputError(`The form fields are larger than ${this.budget.limit} bytes`);
    this.chunks.push(bytes);
  }
  async end(): Promise<void> {
    this.onEnd(Buffer.concat(this.chunks).toString("utf8"));
  }
  abort(): void {}
}

class FileSink implements PartSink {
  size = 0;
  private readonly dir: string | undefined;
  private readonly stream: fs.WriteStream | undefined;
  private failure: Error | undefined;

  /** `keep: false` only counts the bytes (a file part the request does not use). */
  constructor(private readonly limit: number, keep: boolean) {
    if (!keep) return;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "fea-upload-"));
    this.stream = fs.createWriteStream(this.path, { mode: 0o600 });
    this.stream.on("error", (err) => (this.failure = err));
  }

  get path(): string {
    return this.dir ? path.join(this.dir, "content") : "";
  }

  async write(bytes: Buffer): Promise<void> {
    this.size += bytes.length;
    if (this.size > this.limit) throw fileTooLarge(this.limit);
    if (this.failure) throw this.failure;
    const stream = this.stream;
    // Wait for the disk when its buffer is full: the request is read no faster than it is written.
    if (stream && !stream.write(bytes)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
  }

  async end(): Promise<void> {
    if (!this.stream) return;
    this.stream.end();
    await finished(this.stream);
  }

  abort(): void {
    this.stream?.destroy();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A streaming multipart/form-data reader: text fields are kept (bounded by `maxBodyBytes` together),
 * the first part named `file` is written to a temporary file (bounded by `maxFileBytes`), other file
 * parts are counted and dropped. Nothing holds more than one chunk plus a delimiter in memory.
 */
export async function readMultipart(req: AsyncIterable<Buffer> | Iterable<Buffer>, boundary: string, limits: BodyLimits): Promise<MultipartResult> {
  if (boundary === "" || boundary.length > 200) throw new InputError("Invalid multipart boundary");
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  const budget = { left: limits.maxBodyBytes, limit: limits.maxBodyBytes };
  let kept: { sink: FileSink; filename: string; contentType: string } | undefined;
  let part: PartSink | undefined;
  // Widened on purpose: `step` changes it, which the loop's checks cannot see.
  let state = "preamble" as "preamble" | "after-boundary" | "headers" | "body" | "done";
  // A leading CRLF lets the first boundary line match the same delimiter as the others.
  let buffer: Buffer = CRLF;

  const openPart = (headers: string): PartSink => {
    const { name, filename, contentType } = disposition(headers);
    if (filename === undefined) return new FieldSink((text) => (fields[name] = text), budget);
    const keep = name === "file" && kept === undefined;
    const sink = new FileSink(limits.maxFileBytes, keep);
    if (keep) kept = { sink, filename, contentType };
    return sink;
  };

  const step = async (): Promise<boolean> => {
    if (state === "preamble" || state === "body") {
      const at = buffer.indexOf(delimiter);
      if (at < 0) {
        const safe = buffer.length - (delimiter.length - 1);
        if (safe > 0) {
          if (state === "body") await part?.write(buffer.subarray(0, safe));
          buffer = buffer.subarray(safe);
        }
        return false;
      }
      if (state === "body") {
        await part?.write(buffer.subarray(0, at));
        await part?.end();
        part = undefined;
      }
      buffer = buffer.subarray(at + delimiter.length);
      state = "after-boundary";
      return true;
    }
    if (state === "after-boundary") {
      if (buffer.length < 2) return false;
      if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
        state = "done";
        return false;
      }
      const eol = buffer.indexOf(CRLF);
      if (eol < 0) {
        if (buffer.length > 1024) throw new InputError("Malformed multipart boundary line");
        return false;
      }
      buffer = buffer.subarray(eol + 2);
      state = "headers";
      return true;
    }
    if (state === "headers") {
      const end = buffer.subarray(0, 2).equals(CRLF) ? -2 : buffer.indexOf(HEADER_END);
      if (end === -1) {
        if (buffer.length > MAX_HEADER_BYTES) throw new InputError("Multipart part headers are too large");
        return false;
      }
      part = openPart(end < 0 ? "" : buffer.subarray(0, end).toString("utf8"));
      buffer = buffer.subarray(end < 0 ? 2 : end + 4);
      state = "body";
      return true;
    }
    return false;
  };

  try {
    for await (const chunk of req) {
      if (state === "done") continue;
      buffer = buffer.length > 0 ? Buffer.concat([buffer, chunk]) : chunk;
      while (await step());
    }
    if (state !== "done") throw new InputError("The multipart body ended before its closing boundary");
  } catch (err) {
    part?.abort();
    kept?.sink.abort();
    throw err;
  }
  if (!kept) return { fields };
  const { sink, filename, contentType } = kept;
  return { fields, file: { filename, contentType, path: sink.path, size: sink.size, cleanup: () => sink.abort() } };
}
