import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { InputError } from "../errors";
import { readMultipart, type SpooledFile } from "./multipart";
import type { BodyLimits } from "./types";

/** A body over the server's limit: answered 413 by the dispatcher. */
export class RequestTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes`);
    this.name = "RequestTooLargeError";
  }
}

/** What a request carries besides its query: Frappe's `form_dict` from the body, and an uploaded file. */
export interface RequestBody {
  args: Record<string, unknown>;
  /** Present when the body was multipart with a `file` part; the caller removes it (`cleanup`). */
  file?: SpooledFile;
  /** The body was a JSON value (not a form): `/api/resource` takes the document from it. */
  json?: unknown;
}

/** A body to read: the request's headers and its bytes (the live request, or bytes read ahead of a delay). */
export interface BodySource {
  headers: IncomingHttpHeaders;
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>;
}

function mediaType(headers: IncomingHttpHeaders): string {
  return String(headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The whole body as bytes, refused past `limit` (checked as it arrives, never buffered beyond it). */
export async function readBytes(source: BodySource, limit: number): Promise<Buffer> {
  const declared = Number(source.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw new RequestTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source.chunks) {
    size += chunk.length;
    if (size > limit) throw new RequestTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function formArgs(text: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) args[key] = value;
  return args;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError("The request body is not valid JSON");
  }
}

/**
 * Reads the body as Frappe's `form_dict` does: a JSON object's keys, form fields, or multipart fields
 * (the `file` part spooled to a temporary file, so memory stays bounded).
 */
async function readBody(source: BodySource, limits: BodyLimits): Promise<RequestBody> {
  const type = mediaType(source.headers);
  if (type === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(String(source.headers["content-type"]));
    if (!boundary) throw new InputError("A multipart body needs a boundary");
    const { fields, file } = await readMultipart(source.chunks, boundary[1] ?? boundary[2] ?? "", limits);
    return { args: fields, ...(file ? { file } : {}) };
  }
  const text = (await readBytes(source, limits.maxBodyBytes)).toString("utf8");
  if (text.trim() === "") return { args: {} };
  if (type === "application/x-www-form-urlencoded") return { args: formArgs(text) };
  const json = parseJson(text);
  const args = typeof json === "object" && json !== null && !Array.isArray(json) ? { ...(json as Record<string, unknown>) } : {};
  return { args, json };
}

export interface BodyReader {
  readBody(): Promise<RequestBody>;
  readRawBody(): Promise<Buffer>;
}

/** The body of one request, readable once in either form; a second read is refused, not silently empty. */
export function bodyReader(req: IncomingMessage, limits: BodyLimits, readAhead?: Buffer): BodyReader {
  const source: BodySource = { headers: req.headers, chunks: readAhead ? [readAhead] : (req as AsyncIterable<Buffer>) };
  let used = false;
  const once = () => {
    if (used) throw new Error("the request body was already read");
    used = true;
  };
  return {
    readBody: async () => {
      once();
      return readBody(source, limits);
    },
    readRawBody: async () => {
      once();
      return readBytes(source, limits.maxBodyBytes);
    },
  };
}
