import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Doc } from "../../src/core/doc";
import { captureSales } from "./support/capture-setup";
import { type RunningServer, serverMessages, startServer, TOKEN_HEADER } from "./support/test-server";

/** `/api/method/upload_file` (src/server/methods/upload-file.ts): multipart in, a File record out, memory bounded. */
let running: RunningServer;
beforeEach(async () => (running = await startServer({ seed: async (site) => captureSales(site, {}), server: { limits: { maxFileBytes: 4 * 1024 * 1024 } } })));
afterEach(() => running.stop());

function form(fields: Record<string, string>, file?: { name: string; content: Buffer }): FormData {
  const data = new FormData();
  // frappe-js-sdk appends the file first, then the fields: the reader must not need the fields first.
  if (file) data.append("file", new Blob([file.content]), file.name);
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

async function upload(data: FormData, name = "upload_file") {
  const response = await fetch(`${running.url}/api/method/${name}`, { method: "POST", headers: { Authorization: TOKEN_HEADER }, body: data });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const uploadTemps = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("fea-upload-")).length;
const filesOnDisk = (kind: "public" | "private") => {
  const dir = path.join(running.dir, "site-files", kind, "files");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith(".")) : [];
};

test("a file attached to a document: the File record (no nulls), the content stored; is_private absent means public, as Frappe's cint", async () => {
  const answer = await upload(form({ doctype: "Email Account", docname: "Capture Sales" }, { name: "hello.txt", content: Buffer.from("hello") }));
  expect(answer.status).toBe(200);
  const doc = answer.body.message as Doc;
  expect(doc).toMatchObject({ doctype: "File", file_name: "hello.txt", file_url: "/files/hello.txt", is_private: 0, file_size: 5, attached_to_doctype: "Email Account", attached_to_name: "Capture Sales" });
  expect(Object.values(doc)).not.toContain(null);
  expect(fs.readFileSync(path.join(running.dir, "site-files", "public", "files", "hello.txt"), "utf8")).toBe("hello");
  expect((await running.site.get("File", String(doc.name))).content_hash).toBe(crypto.createHash("md5").update("hello").digest("hex"));
});

test("the dotted name frappe.handler.upload_file is the same method; is_private=1 stores it privately", async () => {
  const answer = await upload(form({ is_private: "1" }, { name: "secret.txt", content: Buffer.from("s") }), "frappe.handler.upload_file");
  expect(answer.body.message).toMatchObject({ file_url: "/private/files/secret.txt", is_private: 1 });
});

test("a folder that does not exist is refused before anything is stored", async () => {
  const answer = await upload(form({ folder: "Home/Nowhere" }, { name: "x.txt", content: Buffer.from("x") }));
  expect(answer.status).toBe(417);
  expect(answer.body.exc_type).toBe("LinkValidationError");
  expect(serverMessages(answer.body)[0]?.message).toBe("Could not find Folder: Home/Nowhere");
  expect(await running.site.count("File", { is_folder: 0 })).toBe(0);
  expect(filesOnDisk("public")).toEqual([]);
});

test("no file part: a ValidationError saying what to send", async () => {
  const answer = await upload(form({ doctype: "Email Account", docname: "Capture Sales" }));
  expect(answer.status).toBe(417);
  expect(serverMessages(answer.body)[0]?.message).toBe("No file attached: send the content in a multipart part named file");
});

test("a file over the limit: Frappe's size message, no File record, no file, no temporary file left", async () => {
  const before = uploadTemps();
  const answer = await upload(form({}, { name: "big.bin", content: Buffer.alloc(5 * 1024 * 1024, 1) }));
  expect(answer.status).toBe(417);
  expect(serverMessages(answer.body)[0]?.message).toBe("File size exceeded the maximum allowed size of 4.0 MB");
  expect(await running.site.count("File", { is_folder: 0 })).toBe(0);
  expect(filesOnDisk("public")).toEqual([]);
  expect(uploadTemps()).toBe(before);
});

test("a streamed body (fields first, chunked, no Content-Length) of several MB arrives whole", async () => {
  const content = crypto.randomBytes(3 * 1024 * 1024);
  const boundary = "xYzBoundary";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="is_private"\r\n\r\n1\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="blob.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const answer = await new Promise<{ status: number; body: { message: Doc } }>((resolve, reject) => {
    const req = http.request(`${running.url}/api/method/upload_file`, { method: "POST", headers: { Authorization: TOKEN_HEADER, "Content-Type": `multipart/form-data; boundary=${boundary}` } }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { message: Doc } }));
    });
    req.on("error", reject);
    req.write(head);
    for (let i = 0; i < content.length; i += 64 * 1024) req.write(content.subarray(i, i + 64 * 1024));
    req.end(tail);
  });
  expect(answer.status).toBe(200);
  expect(answer.body.message).toMatchObject({ file_size: content.length, is_private: 1, content_hash: crypto.createHash("md5").update(content).digest("hex") });
  expect(fs.readFileSync(path.join(running.dir, "site-files", "private", "files", "blob.bin")).equals(content)).toBe(true);
});
