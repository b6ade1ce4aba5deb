import crypto from "node:crypto";
import { pullAccount } from "../../../src/mail/imap";
import { folderStatus, resetMailbox, seedMaildir } from "../../rig";
import { plainMail, PullSite, SITE_HOST } from "./pull-rig-fixture";

jest.setTimeout(60_000);

/** A mail with a small and a 2 MB attachment (base64, as mail clients send them). */
function mailWithAttachments(): string {
  const big = crypto.randomBytes(2 * 1024 * 1024).toString("base64").replace(/.{76}/g, "$&\r\n");
  return [
    "From: Customer <customer@outside.test>",
    "To: bench@example.test",
    "Subject: Two attachments",
    "Message-ID: <attachments@outside.test>",
    "Date: Fri, 27 Nov 2026 08:00:00 +0000",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "See attached.",
    "--b1",
    'Content-Type: text/plain; name="notes.txt"',
    'Content-Disposition: attachment; filename="notes.txt"',
    "",
    "small notes",
    "--b1",
    'Content-Type: application/octet-stream; name="huge.bin"',
    'Content-Disposition: attachment; filename="huge.bin"',
    "Content-Transfer-Encoding: base64",
    "",
    big,
    "--b1--",
    "",
  ].join("\r\n");
}

/** Broken MIME: the declared boundary never appears, base64 with garbage, an unterminated header. */
const BROKEN_MIME = [
  "From: Broken <broken@outside.test>",
  "To: bench@example.test",
  "Subject: =?utf-8?B?4pyTIGJyb2tlbg?= mime",
  "Message-ID: <broken-mime@outside.test>",
  "MIME-Version: 1.0",
  'Content-Type: multipart/mixed; boundary="never-used"',
  "X-Unterminated: =?utf-8?Q?oops",
  "",
  "--wrong-boundary",
  "Content-Type: text/html",
  "Content-Transfer-Encoding: base64",
  "",
  "PGI+c3RpbGwg$$$$ aGVyZTwvYj4=!!",
  "",
].join("\r\n");

describe("pullAccount: hostile mail from the server (rig)", () => {
  let ps: PullSite;
  beforeEach(async () => {
    await resetMailbox("bench");
    ps = new PullSite();
  });
  afterEach(() => ps.close());

  test("an attachment over attachment_limit is skipped and listed on the Communication; broken MIME still lands; the cursor passes all", async () => {
    const base = (await folderStatus("bench", "INBOX")).uidNext;
    await seedMaildir("bench", "INBOX", [mailWithAttachments(), BROKEN_MIME, plainMail("after-hostile")]);
    const account = await ps.addAccount("bench");
    await ps.site.setValue("Email Account", account, { attachment_limit: 1 });
    const connections = ps.connections();
    const report = await pullAccount(ps.site, account, { connections, log: ps.log, siteHost: SITE_HOST }).finally(() => connections.close());

    expect(report.folders[0]).toMatchObject({ fetched: 3, errors: [], uidnext: base + 3 });
    const [withFiles] = await ps.site.getList("Communication", {
      fields: ["name", "content", "text_content", "has_attachment"],
      filters: { message_id: "attachments@outside.test" },
    });
    expect(withFiles).toBeDefined();
    const files = await ps.site.getList("File", { fields: ["file_name"], filters: { attached_to_name: String(withFiles?.name) }, limit: 0 });
    expect(files.map((f) => f.file_name)).toEqual(["notes.txt"]);
    expect(String(withFiles?.content)).toContain("huge.bin");
    expect(String(withFiles?.text_content)).toContain("huge.bin");

    // The broken one is either a Communication (the parser coped) or an Unhandled Email with its raw source: never lost.
    const broken = await ps.site.count("Communication", { message_id: "broken-mime@outside.test" });
    const unhandled = await ps.site.getList("Unhandled Email", { fields: ["raw"], limit: 0 });
    expect(broken + unhandled.filter((u) => String(u.raw).includes("broken-mime@outside.test")).length).toBe(1);
    expect(await ps.site.count("Communication", { message_id: "after-hostile@outside.test" })).toBe(1);
  });
});
