import fs from "node:fs";
import path from "node:path";
import type { Doc } from "../../../src/core/doc";
import { openLocalSite } from "../../../src/open-site";
import type { LocalSite } from "../../../src/site/local-site";
import { tempDir } from "../../helpers/temp-site";
import { resetMailbox, seedMaildir } from "../../rig";
import { pullInto, RemoteMailSite, rigAccount, rows } from "./remote-mail-fixture";
import { md5, rawMail, seededBytes } from "./rig-mails";

jest.setTimeout(60_000);

const REPORT = seededBytes("report", 300 * 1024);
const LOGO = seededBytes("logo", 2 * 1024);

const MAILS = [
  rawMail({ id: "printer-1@customer.test", subject: "Printer broken" }),
  rawMail({
    id: "report-1@other.test",
    from: "Dan Other <dan@other.test>",
    subject: "Monthly report",
    attachments: [
      { filename: "report.bin", contentType: "application/octet-stream", content: REPORT },
      { filename: "logo.png", contentType: "image/png", content: LOGO, cid: "logo-1@other.test" },
    ],
  }),
  rawMail({ id: "printer-2@customer.test", subject: "Re: Printer broken", inReplyTo: "printer-1@customer.test" }),
];

/** The Communication a Frappe v15 site answered for a received mail linked to a document (captured). */
const V15_COMMUNICATION = (
  JSON.parse(fs.readFileSync(path.join(__dirname, "../../data/frappe-responses/15-insert-communication.json"), "utf8")) as { response: { body: { data: Doc } } }
).response.body.data;

/** Columns that name or date this copy rather than describe the mail. */
const OWN_COLUMNS = ["name", "creation", "modified", "modified_by", "owner", "in_reply_to", "timeline_links"];

function described(doc: Doc): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !OWN_COLUMNS.includes(key)));
}

function timeline(doc: Doc): string[] {
  return ((doc.timeline_links as Doc[]) ?? []).map((link) => `${link.link_doctype}/${link.link_name}`).sort();
}

async function communications(site: LocalSite): Promise<Doc[]> {
  const list = await rows(site, "Communication");
  return Promise.all(list.map((row) => site.get("Communication", String(row.name))));
}

describe("a pull into a remote Frappe site (rig)", () => {
  let remote: RemoteMailSite;
  let embeddedTemp: ReturnType<typeof tempDir>;
  let embedded: LocalSite;

  beforeEach(async () => {
    await resetMailbox("spare");
    await seedMaildir("spare", "INBOX", MAILS);
    remote = await RemoteMailSite.start();
    embeddedTemp = tempDir("fea-mail-embedded-");
    embedded = openLocalSite({ file: embeddedTemp.file });
  });
  afterEach(async () => {
    await remote.close();
    await embedded.close();
    embeddedTemp.cleanup();
  });

  test("stores the same Communications, Issues, Files and Contacts as a pull into the embedded site", async () => {
    const account = await remote.addAccount("spare", { appendTo: "Issue" });
    await embedded.insert(rigAccount("spare", { appendTo: "Issue" }), { noConnect: true });

    const report = await remote.pull(account);
    const embeddedReport = await pullInto(embedded, account);

    expect(report.folders[0]).toMatchObject({ fetched: 3, created: 3, duplicate: 0, unhandled: 0, errors: [] });
    expect(embeddedReport.folders[0]).toMatchObject({ created: 3, errors: [] });
    const there = await communications(remote.local);
    const here = await communications(embedded);
    expect(there.map((c) => c.message_id)).toEqual(["printer-1@customer.test", "report-1@other.test", "printer-2@customer.test"]);
    // Every column a received mail fills, as the embedded site fills it (the remote side went through REST).
    for (const [index, doc] of there.entries()) {
      expect(described(doc)).toEqual(described(here[index] as Doc));
      expect(timeline(doc)).toEqual(timeline(here[index] as Doc));
    }
    const [first, second, reply] = there as [Doc, Doc, Doc];
    // Every column the v15 site filled for such a Communication is filled on the remote copy too.
    const filled = Object.keys(V15_COMMUNICATION).filter((key) => V15_COMMUNICATION[key] !== null && V15_COMMUNICATION[key] !== "");
    expect(filled.filter((key) => first[key] === null || first[key] === undefined || first[key] === "")).toEqual([]);
    expect(first).toMatchObject({ communication_medium: "Email", sent_or_received: "Received", email_account: account, imap_folder: "INBOX", status: "Linked" });
    expect(first.uid).toBeGreaterThan(0);
    // The reply threads to the first mail and joins its Issue: no third Issue.
    expect(reply).toMatchObject({ in_reply_to: first.name, reference_doctype: "Issue", reference_name: first.reference_name });
    const issues = await rows(remote.local, "Issue");
    expect(issues.map((i) => [i.name, i.subject, i.raised_by])).toEqual([
      [first.reference_name, "Printer broken", "cora@customer.test"],
      [second.reference_name, "Monthly report", "dan@other.test"],
    ]);
  });

  test("attachments arrive whole as private Files attached to the Communication, the inline one linked from the content", async () => {
    const account = await remote.addAccount("spare", { appendTo: "Issue" });

    await remote.pull(account);

    const [mail] = await rows(remote.local, "Communication", { message_id: "report-1@other.test" });
    const files = await rows(remote.local, "File", { attached_to_doctype: "Communication", attached_to_name: String(mail?.name) });
    expect(files.map((f) => [f.file_name, f.content_hash, f.file_size, f.is_private])).toEqual([
      ["report.bin", md5(REPORT), REPORT.length, 1],
      ["logo.png", md5(LOGO), LOGO.length, 1],
    ]);
    expect(mail?.has_attachment).toBe(1);
    expect(String(mail?.content)).toContain(`src="${String(files[1]?.file_url)}"`);
    expect(String(mail?.content)).not.toContain("cid:");
  });

  test("Contacts are made once per address, by the site's own Communication controller", async () => {
    const account = await remote.addAccount("spare", { appendTo: "Issue" });

    await remote.pull(account);

    const emails = (await rows(remote.local, "Contact Email")).map((row) => row.email_id).sort();
    expect(emails).toEqual(["cora@customer.test", "dan@other.test", "spare@example.test"]);
    expect(await remote.local.count("Contact")).toBe(3);
    // The engine never wrote a Contact itself: every Contact insert the server saw came from inside the site.
    expect(remote.requests().filter((r) => r.path.startsWith("/api/resource/Contact"))).toEqual([]);
  });

  test("a second pull creates nothing", async () => {
    const account = await remote.addAccount("spare", { appendTo: "Issue" });
    await remote.pull(account);
    const counts = async () =>
      Promise.all([["Communication"], ["Issue"], ["File", { is_folder: 0 }], ["Contact"], ["Unhandled Email"]].map(([doctype, filters]) => remote.local.count(String(doctype), filters as Record<string, unknown>)));
    const before = await counts();

    const again = await remote.pull(account);

    expect(again.folders[0]).toMatchObject({ mode: "incremental", created: 0, unhandled: 0, errors: [] });
    expect(await counts()).toEqual(before);
    expect(before).toEqual([3, 2, 2, 3, 0]);
  });
});
