import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { FileUpload } from "../../../src/core/site";
import { ingestMessage } from "../../../src/mail/inbound";
import { InboundFixture, SITE_HOST } from "./inbound-fixture";

const MB = 1024 * 1024;

/** Deterministic bytes, so the stored file can be checked against a hash made while generating. */
function block(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/**
 * A mail with one base64 attachment of `size` bytes, produced lazily chunk by chunk (the test never
 * holds the mail either). `hash` is filled with the attachment's MD5 once the stream has ended. `onPull`
 * hears, each time the next chunk is asked for, how many attachment bytes were handed out before.
 */
function streamedMail(size: number, filename: string, extra = "", onPull: (attachmentBytesPulled: number) => void = () => undefined): { source: Readable; hash: () => string } {
  const md5 = crypto.createHash("md5");
  const head = [
    "From: Big Sender <big@example.org>",
    "To: support@example.com",
    `Subject: A file of ${size} bytes`,
    "Date: Mon, 03 Jun 2024 09:15:00 +0000",
    `Message-ID: <big-${size}-${filename}@example.org>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b"',
    "",
    "--b",
    "Content-Type: text/html; charset=utf-8",
    "",
    `<p>Here it is.</p>${extra}`,
    "--b",
    `Content-Type: application/octet-stream; name="${filename}"`,
    `Content-Disposition: attachment; filename="${filename}"`,
    "Content-Transfer-Encoding: base64",
    "",
    "",
  ].join("\r\n");
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from(head);
    const rawChunk = 57 * 1024; // a multiple of 57 bytes: whole 76-character base64 lines
    for (let offset = 0, n = 0; offset < size; offset += rawChunk, n++) {
      onPull(offset);
      const bytes = block(n, Math.min(rawChunk, size - offset));
      md5.update(bytes);
      yield Buffer.from(`${bytes.toString("base64").replace(/.{76}/g, "$&\r\n").replace(/\r\n$/, "")}\r\n`);
    }
    yield Buffer.from("--b--\r\n");
  }
  return { source: Readable.from(chunks()), hash: () => md5.digest("hex") };
}

describe("ingestMessage: attachments, limits and large mails", () => {
  let fx: InboundFixture;
  beforeEach(() => {
    fx = new InboundFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  test("P21/H13 an attachment over the account's attachment_limit is skipped and listed on the Communication", async () => {
    const account = await fx.account("Support", "support@example.com", { attachment_limit: 1 });
    const { source } = streamedMail(2 * MB, "too-big.bin");
    const result = await fx.ingest(account, source);
    expect(result.status).toBe("created");
    expect(await fx.files(result.communication)).toEqual([]);
    const comm = await fx.communication(result.communication);
    expect(comm.has_attachment).toBe(0);
    expect(comm.content).toContain('<div class="fea-skipped-attachments">');
    expect(comm.content).toContain("<li>too-big.bin (2.0 MB, application/octet-stream): larger than the attachment limit of 1.0 MB</li>");
    expect(comm.text_content).toContain("- too-big.bin (2.0 MB, application/octet-stream): larger than the attachment limit of 1.0 MB");
    expect(fx.log.warnings.find((w) => w.msg === "attachments over the limit were not stored")).toBeDefined();
  });

  test("a skipped attachment's note survives the save that stores the other attachments", async () => {
    const account = await fx.account("Support", "support@example.com", { attachment_limit: 1 });
    const small = Buffer.from("small file").toString("base64");
    const { source } = streamedMail(
      2 * MB,
      "too-big.bin",
      `\r\n--b\r\nContent-Type: text/plain; name="small.txt"\r\nContent-Disposition: attachment; filename="small.txt"\r\nContent-Transfer-Encoding: base64\r\n\r\n${small}`,
    );
    const result = await fx.ingest(account, source);
    expect((await fx.files(result.communication)).map((f) => f.file_name)).toEqual(["small.txt"]);
    const comm = await fx.communication(result.communication);
    expect(comm.has_attachment).toBe(1);
    expect(comm.content).toContain("too-big.bin (2.0 MB");
  });

  test("a 30 MB attachment is streamed: never more than a few MB between the source and the spool file, uploaded from a stream", async () => {
    const account = await fx.account("Support", "support@example.com", { attachment_limit: 40 });
    const uploads: Array<{ filename: string; isBuffer: boolean }> = [];
    const upload = fx.site.uploadFile.bind(fx.site);
    fx.site.uploadFile = (file: FileUpload) => {
      uploads.push({ filename: file.filename, isBuffer: Buffer.isBuffer(file.content) });
      return upload(file);
    };
    const spoolRoot = fs.mkdtempSync(path.join(fx.tmp.dir, "spool-"));
    /** Bytes of the attachment already written to its spool file (0 before it exists). */
    const spooled = (): number => {
      for (const dir of fs.readdirSync(spoolRoot)) {
        for (const name of fs.readdirSync(path.join(spoolRoot, dir)).filter((n) => n.endsWith("-part"))) {
          return fs.statSync(path.join(spoolRoot, dir, name)).size;
        }
      }
      return 0;
    };
    const size = 30 * MB;
    let maxInFlight = 0;
    // Each time the parser pulls the next chunk: what it has pulled so far, minus what reached the spool file,
    // is what sits in memory. Holding the attachment whole would make this grow to 30 MB.
    const { source, hash } = streamedMail(size, "thirty.bin", "", (pulled) => {
      maxInFlight = Math.max(maxInFlight, pulled - spooled());
    });

    const result = await ingestMessage(fx.site, fx.message(account, source), { log: fx.log, siteHost: SITE_HOST, now: fx.now, tempDir: spoolRoot });

    expect(result.status).toBe("created");
    const [file] = await fx.files(result.communication);
    expect(file).toMatchObject({ file_name: "thirty.bin", file_size: size });
    const [stored] = await fx.site.getList("File", { fields: ["content_hash"], filters: { name: String(file?.name) } });
    expect(stored?.content_hash).toBe(hash());
    expect(uploads).toEqual([{ filename: "thirty.bin", isBuffer: false }]);
    expect(maxInFlight).toBeGreaterThan(0);
    expect(maxInFlight).toBeLessThan(4 * MB);
    expect(fs.readdirSync(spoolRoot)).toEqual([]); // the mail's spool folder is removed
  }, 60_000);
});
