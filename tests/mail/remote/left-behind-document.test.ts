import { openLocalSite } from "../../../src/open-site";
import { buildMail, InboundFixture } from "../inbound/inbound-fixture";

/**
 * An "append to" document has no key a remote site could look for after a lost answer. A document
 * of the DocType with the mail's subject and sender, made in the last 60 days, that no Communication
 * references is what a cut-short attempt at this mail left behind: it is taken, not doubled.
 */
let f: InboundFixture;
beforeEach(() => (f = new InboundFixture()));
afterEach(() => f.close());

const MAIL = { from: "Sam Sender <sam@example.org>", subject: "Printer broken" };
const ingest = async (messageId: string) => f.ingest(await f.account(), buildMail({ ...MAIL, messageId }), { appendTo: "Issue" });

test("the Issue an earlier attempt left without its Communication is taken instead of a second one", async () => {
  const { doc: left } = await f.site.insert({ doctype: "Issue", subject: "Printer broken", raised_by: "sam@example.org" }, { ignoreMandatory: true });

  const result = await ingest("printer-1@example.org");

  expect(result).toMatchObject({ status: "created", reference: { doctype: "Issue", name: left.name } });
  expect(await f.site.count("Issue")).toBe(1);
});

test("an Issue a Communication already belongs to is not taken: the next mail with that subject gets its own", async () => {
  const first = await ingest("printer-1@example.org");
  const second = await f.ingest(await f.site.get("Email Account", "Support"), buildMail({ ...MAIL, messageId: "printer-2@example.org" }), { appendTo: "Issue", uid: 2 });

  expect(second.status).toBe("created");
  expect(second.reference?.name).not.toBe(first.reference?.name);
  expect(await f.site.count("Issue")).toBe(2);
});

test("a document from another sender or with another subject is not taken", async () => {
  await f.site.insert({ doctype: "Issue", subject: "Printer broken", raised_by: "someone-else@example.org" }, { ignoreMandatory: true });
  await f.site.insert({ doctype: "Issue", subject: "Printer broken again", raised_by: "sam@example.org" }, { ignoreMandatory: true });

  await ingest("printer-1@example.org");

  expect(await f.site.count("Issue")).toBe(3);
});

test("one made more than 60 days before is not taken", async () => {
  // The same site file, opened first with a clock 61 days back.
  const early = openLocalSite({ file: f.tmp.file, now: () => new Date("2024-04-10T12:00:00Z") });
  await early.insert({ doctype: "Issue", subject: "Printer broken", raised_by: "sam@example.org" }, { ignoreMandatory: true });
  await early.close();

  await ingest("printer-1@example.org");

  expect(await f.site.count("Issue")).toBe(2);
});
