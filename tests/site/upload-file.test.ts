import crypto from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { openLocalSite } from "../../src/open-site";
import { tempDir } from "../helpers/temp-site";

describe("LocalSite.uploadFile", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  test("streams the content to a private file and inserts a File record attached to the document", async () => {
    const site = openLocalSite({ file: tmp.file });
    const { doc: todo } = await site.insert({ doctype: "ToDo", description: "with attachment" });
    const content = crypto.randomBytes(300_000);
    const chunks = [content.subarray(0, 100_000), content.subarray(100_000)];
    const file = await site.uploadFile({
      filename: "../../etc/report.pdf",
      content: Readable.from(chunks),
      attachedToDoctype: "ToDo",
      attachedToName: String(todo.name),
    });
    expect(file).toMatchObject({
      doctype: "File",
      file_name: "report.pdf",
      file_url: "/private/files/report.pdf",
      is_private: 1,
      file_size: 300_000,
      content_hash: crypto.createHash("md5").update(content).digest("hex"),
      folder: "Home/Attachments",
      attached_to_doctype: "ToDo",
      attached_to_name: todo.name,
    });
    expect(fs.readFileSync(site.files.pathOf(String(file.file_url)) as string).equals(content)).toBe(true);

    const second = await site.uploadFile({ filename: "report.pdf", content: Buffer.from("other"), attachedToDoctype: "ToDo", attachedToName: String(todo.name) });
    expect(second.file_url).not.toBe(file.file_url);
    expect(second.file_url).toMatch(/^\/private\/files\/report[0-9a-v]{6}\.pdf$/);
    await site.close();
  });
});
