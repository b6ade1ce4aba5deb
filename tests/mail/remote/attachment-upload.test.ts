import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../../helpers/temp-site";
import { type RemoteHarness, startHarness } from "../../site/remote/support/remote-harness";
import { md5, seededBytes } from "./rig-mails";

/**
 * The mail engine uploads each spooled attachment as `fs.createReadStream(path)`. Such a stream is
 * opened again from its file for another attempt, so it gets what a Buffer gets: a retry after a
 * 503, and after a lost answer a lookup by content hash instead of a second File.
 */
const UPLOAD = "/api/method/upload_file";
const CONTENT = seededBytes("spooled", 64 * 1024);

let h: RemoteHarness;
let spool: ReturnType<typeof tempDir>;
let file: string;
let todo: string;
beforeEach(async () => {
  h = await startHarness();
  spool = tempDir("fea-spool-");
  file = path.join(spool.dir, "0001-part");
  fs.writeFileSync(file, CONTENT);
  todo = String((await h.local.insert({ doctype: "ToDo", description: "has a file" })).doc.name);
});
afterEach(async () => {
  await h.stop();
  spool.cleanup();
});

const upload = (content: NodeJS.ReadableStream) => h.remote.uploadFile({ filename: "scan.bin", content, attachedToDoctype: "ToDo", attachedToName: todo });
const files = () => h.local.getList("File", { fields: ["name", "content_hash", "file_size"], filters: { attached_to_name: todo }, limit: 0 });

test("a spooled attachment is sent again after 503s, whole", async () => {
  h.server.injectFault({ method: "POST", path: UPLOAD, action: { kind: "status", status: 503 }, times: 2 });

  const stored = await upload(fs.createReadStream(file));

  expect(h.server.pendingFaults()).toBe(0);
  expect(await files()).toEqual([{ name: stored.name, content_hash: md5(CONTENT), file_size: CONTENT.length }]);
});

test("after a lost answer the File the site stored is found by its content hash, not stored twice", async () => {
  h.server.injectFault({ method: "POST", path: UPLOAD, action: { kind: "drop-after-write" } });

  const stored = await upload(fs.createReadStream(file));

  expect(h.server.pendingFaults()).toBe(0);
  expect(await files()).toEqual([{ name: stored.name, content_hash: md5(CONTENT), file_size: CONTENT.length }]);
  expect(h.logs.some((line) => line.includes("the failed write had landed"))).toBe(true);
});

test("a stream over part of a file cannot be opened again the same way: it is sent once", async () => {
  h.server.injectFault({ method: "POST", path: UPLOAD, action: { kind: "status", status: 503 } });

  await expect(upload(fs.createReadStream(file, { start: 10 }))).rejects.toThrow(/not repeated: a streamed body cannot be sent twice/);
  expect(await files()).toEqual([]);
});
