import crypto from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Doc } from "../../core/doc";
import type { FileUpload, Site } from "../../core/site";
import { multipartBody } from "./multipart-body";
import type { AmbiguityPolicy, RemoteClient } from "./remote-client";

const UPLOAD_PATH = "/api/method/upload_file";

/** The File record an upload whose answer was lost may have created: same content (Frappe's MD5 `content_hash`), same document. */
async function findUploaded(site: Site, upload: FileUpload, contentHash: string, isPrivate: boolean): Promise<Doc | undefined> {
  const filters = {
    content_hash: contentHash,
    is_private: isPrivate ? 1 : 0,
    attached_to_doctype: upload.attachedToDoctype ?? "",
    attached_to_name: upload.attachedToName ?? "",
  };
  const [row] = await site.getList("File", { fields: ["name"], filters, limit: 1 });
  return row && typeof row.name === "string" ? site.get("File", row.name) : undefined;
}

/**
 * The path of a stream that reads a whole file and has not started (`fs.createReadStream(path)`, as
 * the mail engine sends its spooled attachments): such content can be opened again for another attempt.
 */
function reopenablePath(content: Buffer | NodeJS.ReadableStream): string | undefined {
  if (!(content instanceof fs.ReadStream)) return undefined;
  const stream = content as fs.ReadStream & { start?: number; end?: number };
  const whole = stream.start === undefined && (stream.end === undefined || stream.end === Infinity);
  return typeof stream.path === "string" && whole && stream.bytesRead === 0 ? stream.path : undefined;
}

async function fileMd5(path: string): Promise<string> {
  const hash = crypto.createHash("md5");
  await pipeline(fs.createReadStream(path), hash);
  return hash.digest("hex");
}

/**
 * Frappe's `/api/method/upload_file`: a multipart body streamed to the site (the SDK's own upload
 * wants a browser `File`, held whole in memory). A Buffer, or a stream reading a whole file (opened
 * again from its path for each attempt), may be sent again after a lost answer once no File with its
 * content is found; any other stream is sent once.
 */
export async function uploadThrough(client: RemoteClient, site: Site, upload: FileUpload): Promise<unknown> {
  const isPrivate = upload.isPrivate ?? true;
  const fields: Record<string, string> = {
    is_private: isPrivate ? "1" : "0",
    folder: "Home/Attachments",
    ...(upload.attachedToDoctype ? { doctype: upload.attachedToDoctype } : {}),
    ...(upload.attachedToName ? { docname: upload.attachedToName } : {}),
  };
  const given = upload.content;
  const path = reopenablePath(given);
  // Each attempt reads the file afresh; the caller's stream is not needed (closing it frees its descriptor).
  if (path !== undefined) (given as fs.ReadStream).destroy();
  const content = (): Buffer | NodeJS.ReadableStream => (path === undefined ? given : fs.createReadStream(path));
  const repeatable = Buffer.isBuffer(given) || path !== undefined;
  let ambiguity: AmbiguityPolicy<unknown> = "fail";
  if (repeatable) {
    const contentHash = Buffer.isBuffer(given) ? crypto.createHash("md5").update(given).digest("hex") : await fileMd5(path as string);
    ambiguity = async () => {
      const stored = await findUploaded(site, upload, contentHash, isPrivate);
      return stored ? { landed: stored } : undefined;
    };
  }
  const { value } = await client.send({ method: "POST", path: UPLOAD_PATH, doctype: "File", ambiguity, once: !repeatable }, async (app) => {
    const attemptContent = content();
    const body = multipartBody(fields, { filename: upload.filename, content: attemptContent });
    const headers = { "Content-Type": body.contentType, ...(body.length === undefined ? {} : { "Content-Length": String(body.length) }) };
    try {
      const response = await app.axios.post(UPLOAD_PATH, body.stream, { headers });
      return (response.data as { message?: unknown }).message;
    } finally {
      // A file opened for this attempt is closed whatever happened to the request (it may never have been read).
      if (path !== undefined) (attemptContent as fs.ReadStream).destroy();
    }
  });
  return value;
}
