import { cstr } from "../../../src/core/doc";
import { InboundFixture } from "../inbound/inbound-fixture";
import { md5, rawMail, seededBytes } from "./rig-mails";

/**
 * On a site without transactions an attempt at a mail can stop after its Communication landed and
 * before all its Files did. Fetched again, the mail is found by its Message-ID; the Files missing
 * from the stored copy are uploaded (compared by content hash) and the final save is made.
 */
let f: InboundFixture;
beforeEach(() => (f = new InboundFixture()));
afterEach(() => f.close());

const REPORT = seededBytes("copy-report", 8 * 1024);
const LOGO = seededBytes("copy-logo", 512);
const MAIL = Buffer.from(
  rawMail({
    id: "files-1@customer.test",
    subject: "Report with logo",
    to: "support@example.com",
    attachments: [
      { filename: "report.bin", contentType: "application/octet-stream", content: REPORT },
      { filename: "logo.png", contentType: "image/png", content: LOGO, cid: "logo@customer.test" },
    ],
  }),
);

async function files(communication: string) {
  return f.site.getList("File", { fields: ["name", "content_hash"], filters: { attached_to_name: communication }, orderBy: "creation asc", limit: 0 });
}

test("a stored copy without its last File and final save is finished: only the missing File is uploaded", async () => {
  const account = await f.account();
  const first = await f.ingest(account, MAIL);
  const name = cstr(first.communication);
  const [kept, lost] = await files(name);
  // What a cut-short attempt leaves: the second File and the final save never happened.
  await f.site.delete("File", cstr(lost?.name));
  await f.site.setValue("Communication", name, { has_attachment: 0, content: "<p>cut short</p>" });

  const again = await f.ingest(account, MAIL);

  expect(again).toMatchObject({ status: "created", communication: name });
  const now = await files(name);
  expect(now.map((file) => file.content_hash)).toEqual([md5(REPORT), md5(LOGO)]);
  expect(now[0]?.name).toBe(kept?.name);
  const stored = await f.communication(name);
  expect(stored.has_attachment).toBe(1);
  expect(String(stored.content)).toContain("/private/files/logo");
  expect(await f.site.count("Communication")).toBe(1);
});

test("a complete copy is a duplicate: nothing is uploaded or saved", async () => {
  const account = await f.account();
  const first = await f.ingest(account, MAIL);
  const before = await f.communication(first.communication);

  const again = await f.ingest(account, MAIL);

  expect(again).toEqual({ status: "duplicate", communication: first.communication });
  expect(await files(cstr(first.communication))).toHaveLength(2);
  expect((await f.communication(first.communication)).modified).toBe(before.modified);
});
