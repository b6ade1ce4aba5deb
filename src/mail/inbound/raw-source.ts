import fs from "node:fs";
import type { Writable } from "node:stream";
import type { WorkDir } from "./work-dir";

/** The most of a raw source an Unhandled Email keeps (P23); larger sources are truncated with a note. */
export const RAW_KEEP_BYTES = 10 * 1024 * 1024;

/** What is kept of the raw source while it streams through the parser, for an Unhandled Email. */
export interface RawCapture {
  /** Bytes the source had in all. */
  readonly totalBytes: number;
  /** True when more than RAW_KEEP_BYTES came in, so `head()` is only the start. */
  readonly truncated: boolean;
  /** The kept bytes (the whole source unless truncated). */
  head(): Buffer;
}

class BufferCapture implements RawCapture {
  constructor(private readonly source: Buffer) {}
  get totalBytes(): number {
    return this.source.length;
  }
  get truncated(): boolean {
    return this.source.length > RAW_KEEP_BYTES;
  }
  head(): Buffer {
    return this.source.subarray(0, RAW_KEEP_BYTES);
  }
}

/** Spools the first RAW_KEEP_BYTES of a stream to a file and counts the rest. */
class FileCapture implements RawCapture {
  totalBytes = 0;
  private kept = 0;
  private readonly fd: number;

  constructor(private readonly file: string) {
    this.fd = fs.openSync(file, "w", 0o600);
  }
  get truncated(): boolean {
    return this.totalBytes > RAW_KEEP_BYTES;
  }
  async write(bytes: Buffer): Promise<void> {
    this.totalBytes += bytes.length;
    if (this.kept >= RAW_KEEP_BYTES) return;
    const part = bytes.subarray(0, RAW_KEEP_BYTES - this.kept);
    await new Promise<void>((resolve, reject) => fs.write(this.fd, part, (err) => (err ? reject(err) : resolve())));
    this.kept += part.length;
  }
  close(): void {
    fs.closeSync(this.fd);
  }
  head(): Buffer {
    return fs.readFileSync(this.file);
  }
}

/**
 * Lets the feeder stop writing to a parser that failed or timed out, while it keeps reading the
 * source to its end (the IMAP connection a download stream comes from stalls until it is consumed).
 */
export class ParserGate {
  private stopped = false;
  private readonly waiters: Array<() => void> = [];

  get open(): boolean {
    return !this.stopped;
  }
  stop(): void {
    this.stopped = true;
    for (const wake of this.waiters.splice(0)) wake();
  }
  /** Resolves on the parser's `drain`, or at once when the gate is stopped meanwhile. */
  drained(parser: Writable): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        parser.off("drain", done);
        resolve();
      };
      parser.once("drain", done);
      this.waiters.push(done);
    });
  }
}

export interface FeedResult {
  capture: RawCapture;
  /** Set when reading the source itself failed (a transport error, not a bad mail). */
  sourceError?: unknown;
}

/**
 * Writes the raw source into the parser with backpressure and keeps its head for an Unhandled
 * Email. A Buffer is handed over whole; a stream is read chunk by chunk to its end, even after the
 * parser gave up, so the caller always finds the source consumed.
 */
export async function feedParser(
  source: Buffer | NodeJS.ReadableStream,
  parser: Writable,
  gate: ParserGate,
  work: WorkDir,
  progress: () => void = () => undefined,
): Promise<FeedResult> {
  if (Buffer.isBuffer(source)) {
    if (gate.open) parser.end(source);
    return { capture: new BufferCapture(source) };
  }
  const capture = new FileCapture(work.file("raw.eml"));
  try {
    for await (const chunk of source as AsyncIterable<Buffer | string>) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "binary") : chunk;
      progress();
      await capture.write(bytes);
      if (gate.open && !parser.write(bytes)) await gate.drained(parser);
    }
    if (gate.open) parser.end();
    return { capture };
  } catch (sourceError) {
    gate.stop();
    return { capture, sourceError };
  } finally {
    capture.close();
  }
}
