import fs from "node:fs";
import os from "node:os";
import { readMultipart } from "../../src/server/multipart";
import { InputError, ValidationError } from "../../src/errors";

/** The streaming multipart reader (src/server/multipart.ts): any chunking, bounded fields, the file spooled to disk. */
const BOUNDARY = "----b0undary";
const LIMITS = { maxBodyBytes: 1024, maxFileBytes: 64 };

function body(parts: Array<{ name: string; value: string; filename?: string }>, boundary = BOUNDARY): Buffer {
  const text =
    "preamble to ignore\r\n" +
    parts
      .map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}\r\n${p.filename === undefined ? "" : "Content-Type: text/plain\r\n"}\r\n${p.value}\r\n`)
      .join("") +
    `--${boundary}--\r\nepilogue`;
  return Buffer.from(text);
}

/** The body cut into chunks of `size` bytes. */
function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const CONTENT = "line one\r\n--not-a-boundary\r\nline three";
const SAMPLE = body([
  { name: "file", value: CONTENT, filename: "notes.txt" },
  { name: "doctype", value: "Email Account" },
  { name: "docname", value: "Capture Sales" },
]);

test.each([1, 2, 3, 7, 16, 1000])("fields and the file come out whole whatever the chunk size (%i bytes)", async (size) => {
  const { fields, file } = await readMultipart(chunks(SAMPLE, size), BOUNDARY, LIMITS);
  try {
    expect(fields).toEqual({ doctype: "Email Account", docname: "Capture Sales" });
    expect(file).toMatchObject({ filename: "notes.txt", contentType: "text/plain", size: CONTENT.length });
    expect(fs.readFileSync(file!.path, "utf8")).toBe(CONTENT);
  } finally {
    file?.cleanup();
  }
  expect(fs.existsSync(file!.path)).toBe(false);
});

test("only the first part named file is kept; other file parts are dropped", async () => {
  const sample = body([
    { name: "other", value: "ignored", filename: "other.txt" },
    { name: "file", value: "first", filename: "a.txt" },
    { name: "file", value: "second", filename: "b.txt" },
  ]);
  const { fields, file } = await readMultipart(chunks(sample, 5), BOUNDARY, LIMITS);
  expect(fields).toEqual({});
  expect(fs.readFileSync(file!.path, "utf8")).toBe("first");
  file!.cleanup();
});

test("a body without a file part gives only the fields; a filename* (RFC 5987) name is decoded", async () => {
  const plain = await readMultipart([body([{ name: "is_private", value: "1" }])], BOUNDARY, LIMITS);
  expect(plain).toEqual({ fields: { is_private: "1" } });
  const encoded = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt\r\n\r\nx\r\n--${BOUNDARY}--\r\n`);
  const { file } = await readMultipart([encoded], BOUNDARY, LIMITS);
  expect(file?.filename).toBe("résumé.txt");
  file?.cleanup();
});

test("a file over maxFileBytes stops the read with Frappe's size message and leaves no temporary file", async () => {
  const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("fea-upload-")).length;
  const big = body([{ name: "file", value: "x".repeat(100), filename: "big.bin" }]);
  await expect(readMultipart(chunks(big, 10), BOUNDARY, LIMITS)).rejects.toThrow(ValidationError);
  await expect(readMultipart([big], BOUNDARY, LIMITS)).rejects.toThrow(/^File size exceeded the maximum allowed size of 0\.00006103515625 MB$/);
  const after = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("fea-upload-")).length;
  expect(after).toBe(before);
});

test("text fields together over maxBodyBytes are refused", async () => {
  const many = body([{ name: "a", value: "y".repeat(600) }, { name: "b", value: "z".repeat(600) }]);
  await expect(readMultipart([many], BOUNDARY, LIMITS)).rejects.toThrow("The form fields are larger than 1024 bytes");
});

test("a body cut before its closing boundary is an InputError", async () => {
  await expect(readMultipart([SAMPLE.subarray(0, SAMPLE.length - 20)], BOUNDARY, LIMITS)).rejects.toThrow(InputError);
});
