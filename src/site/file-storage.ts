import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomHash } from "../core/naming";

export interface StoredFile {
  /** The name under `files/` (Frappe's `file_name` may differ when the name was taken). */
  storedName: string;
  fileUrl: string;
  size: number;
  /** MD5 of the content, as Frappe's `content_hash`. */
  contentHash: string;
}

/** A safe base name: no folders, no control characters, never empty. */
function safeName(filename: string): string {
  const printable = [...filename].map((ch) => (ch.charCodeAt(0) < 0x20 ? "_" : ch)).join("");
  const base = path.basename(printable.replace(/\\/g, "/")).replace(/[<>:"|?*]/g, "_").trim();
  return base === "" || base === "." || base === ".." ? `file-${randomHash(6)}` : base.slice(0, 200);
}

/**
 * Where a local site keeps uploaded files: `<site dir>/<site name>-files/{public,private}/files/`,
 * laid out as a Frappe site's `public/files` and `private/files`. Content is streamed to a
 * temporary file and renamed into place, so a crash never leaves half a file under its name.
 */
export class FileStorage {
  constructor(private readonly root: string) {}

  async store(filename: string, content: Buffer | NodeJS.ReadableStream, isPrivate: boolean): Promise<StoredFile> {
    const folder = path.join(this.root, isPrivate ? "private" : "public", "files");
    fs.mkdirSync(folder, { recursive: true });
    const temp = path.join(folder, `.upload-${randomHash(12)}`);
    const hash = crypto.createHash("md5");
    let size = 0;
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : Readable.from(content as AsyncIterable<Buffer>);
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer | string>) {
          for await (const chunk of chunks) {
            const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
            hash.update(bytes);
            size += bytes.length;
            yield bytes;
          }
        },
        fs.createWriteStream(temp, { mode: 0o640 }),
      );
      let storedName = safeName(filename);
      // Frappe adds a short hash to a name already taken instead of overwriting.
      if (fs.existsSync(path.join(folder, storedName))) {
        const ext = path.extname(storedName);
        storedName = `${path.basename(storedName, ext)}${randomHash(6)}${ext}`;
      }
      fs.renameSync(temp, path.join(folder, storedName));
      const fileUrl = `${isPrivate ? "/private" : ""}/files/${storedName}`;
      return { storedName, fileUrl, size, contentHash: hash.digest("hex") };
    } catch (err) {
      fs.rmSync(temp, { force: true });
      throw err;
    }
  }

  /** The absolute path of a stored file's URL, or undefined when it is not one of ours. */
  pathOf(fileUrl: string): string | undefined {
    const match = /^(\/private)?\/files\/([^/]+)$/.exec(fileUrl);
    if (!match || !match[2]) return undefined;
    return path.join(this.root, match[1] ? "private" : "public", "files", match[2]);
  }
}
