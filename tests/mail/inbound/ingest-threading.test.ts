import type { Doc } from "../../../src/core/doc";
import { buildMail, InboundFixture, SITE_HOST } from "./inbound-fixture";

/** A Message-ID of the shape this site generates (S9). */
function generatedId(): string {
  return `${Math.floor(Date.now() / 10)}.${process.pid}.${Math.floor(Math.random() * 2 ** 52)}@${SITE_HOST}`;
}

describe("ingestMessage: threading (P14) and reference documents (P15, P16)", () => {
  let fx: InboundFixture;
  let support: Doc;
  beforeEach(async () => {
    fx = new InboundFixture();
    support = await fx.account("Support", "support@example.com", { append_to: "ToDo" });
  });
  afterEach(async () => {
    await fx.close();
  });

  async function todo(description: string, sender = "customer@example.org"): Promise<string> {
    return String((await fx.site.insert({ doctype: "ToDo", description, sender })).doc.name);
  }
  async function sentCommunication(fields: Record<string, unknown>): Promise<Doc> {
    const { doc } = await fx.site.insert({
      doctype: "Communication",
      communication_medium: "Email",
      sent_or_received: "Sent",
      subject: "Our answer",
      sender: "support@example.com",
      recipients: "customer@example.org",
      email_account: "Support",
      ...fields,
    });
    return doc;
  }

  test("T9 a reply whose In-Reply-To is our sent Message-ID gets the sent Communication's reference", async () => {
    const ref = await todo("printer");
    const messageId = generatedId();
    const sent = await sentCommunication({ message_id: messageId, reference_doctype: "ToDo", reference_name: ref });
    const result = await fx.ingest(support, buildMail({ from: "customer@example.org", subject: "Re: Our answer", inReplyTo: `<${messageId}>` }), { appendTo: "ToDo" });
    const comm = await fx.communication(result.communication);
    expect(comm).toMatchObject({ in_reply_to: sent.name, reference_doctype: "ToDo", reference_name: ref, status: "Linked" });
    expect(await fx.site.count("ToDo")).toBe(1);
  });

  test("a reply threaded by References only (no In-Reply-To), newest reference first", async () => {
    const older = await todo("older thread");
    const newer = await todo("newer thread");
    const oldId = generatedId();
    const newId = generatedId();
    await sentCommunication({ message_id: oldId, reference_doctype: "ToDo", reference_name: older });
    const sentNew = await sentCommunication({ message_id: newId, reference_doctype: "ToDo", reference_name: newer });
    const result = await fx.ingest(support, buildMail({ subject: "Re: x", references: `<unknown@elsewhere.example> <${oldId}>\r\n <${newId}>` }), { appendTo: "ToDo" });
    const comm = await fx.communication(result.communication);
    expect(comm).toMatchObject({ in_reply_to: sentNew.name, reference_name: newer });
  });

  test("a reply to mail sent from account A that arrives in account B is threaded to A's Communication", async () => {
    const sales = await fx.account("Sales", "sales@example.com");
    const ref = await todo("cross-account");
    const messageId = generatedId();
    const sent = await sentCommunication({ message_id: messageId, email_account: "Support", reference_doctype: "ToDo", reference_name: ref });
    const result = await fx.ingest(sales, buildMail({ to: "sales@example.com", inReplyTo: `<${messageId}>` }), { appendTo: "ToDo" });
    expect(await fx.communication(result.communication)).toMatchObject({ email_account: "Sales", in_reply_to: sent.name, reference_name: ref });
  });

  test("T10 two mails without In-Reply-To, `x` then `Re: x`, from one sender end on the same ToDo (subject match)", async () => {
    const first = await fx.ingest(support, buildMail({ from: "customer@example.org", subject: "weird subject ddwdf23r2" }), { appendTo: "ToDo", uid: 1 });
    const second = await fx.ingest(support, buildMail({ from: "customer@example.org", subject: "Re: weird subject ddwdf23r2" }), { appendTo: "ToDo", uid: 2 });
    expect(second.reference).toEqual(first.reference);
    expect(await fx.site.count("ToDo")).toBe(1);
  });

  test("T11/T25 a reply to an Email Queue row (no Communication) gets the queue row's reference", async () => {
    const { doc: event } = await fx.site.insert({ doctype: "Event", subject: "Meeting", starts_on: "2024-06-01 10:00:00", event_type: "Private" });
    const messageId = generatedId();
    await fx.site.insert({ doctype: "Email Queue", message_id: messageId, reference_doctype: "Event", reference_name: event.name, sender: "support@example.com" });
    const result = await fx.ingest(support, buildMail({ inReplyTo: `<${messageId}>` }), { appendTo: "ToDo" });
    const comm = await fx.communication(result.communication);
    expect(comm).toMatchObject({ reference_doctype: "Event", reference_name: event.name });
    expect(comm.in_reply_to ?? null).toBeNull();
    expect(await fx.site.count("ToDo")).toBe(0);
  });

  test("T21/T22 an Email Queue row stored with angle brackets and linked to a Communication gives that parent", async () => {
    const ref = await todo("queued");
    const messageId = generatedId();
    const sent = await sentCommunication({ reference_doctype: "ToDo", reference_name: ref });
    await fx.site.insert({ doctype: "Email Queue", message_id: `<${messageId}>`, communication: sent.name, reference_doctype: "ToDo", reference_name: ref });
    const result = await fx.ingest(support, buildMail({ inReplyTo: `<${messageId}>` }));
    expect(await fx.communication(result.communication)).toMatchObject({ in_reply_to: sent.name, reference_name: ref });
  });

  test("T23 an In-Reply-To of a mail we received before (not a Frappe id) finds that Communication", async () => {
    const first = await fx.ingest(support, buildMail({ messageId: "new-message-id@example.org", subject: "self thread" }), { uid: 1 });
    const reply = await fx.ingest(support, buildMail({ inReplyTo: "<new-message-id@example.org>", subject: "Re: self thread" }), { uid: 2 });
    expect((await fx.communication(reply.communication)).in_reply_to).toBe(first.communication);
  });

  test("T24 the old `<{communication name}@{site host}>` form finds the Communication by name", async () => {
    const ref = await todo("old form");
    const sent = await sentCommunication({ reference_doctype: "ToDo", reference_name: ref });
    const result = await fx.ingest(support, buildMail({ inReplyTo: `<${String(sent.name)}@${SITE_HOST}>` }));
    expect(await fx.communication(result.communication)).toMatchObject({ in_reply_to: sent.name, reference_name: ref });
    const elsewhere = await fx.ingest(support, buildMail({ inReplyTo: `<${String(sent.name)}@other.example>` }), { uid: 2 });
    expect((await fx.communication(elsewhere.communication)).in_reply_to ?? null).toBeNull();
  });

  test("T26 `RE: RE: (#<name>)` in the subject finds the document by name", async () => {
    const ref = await todo("by name", "someone-else@example.org");
    const result = await fx.ingest(support, buildMail({ subject: `RE: RE: (#${ref})` }), { appendTo: "ToDo" });
    expect(result.reference).toEqual({ doctype: "ToDo", name: ref });
  });

  test("T27 `RE: RE: New todo` from the ToDo's sender matches by subject; another sender does not", async () => {
    const ref = await todo("New todo", "test_sender@example.com");
    const match = await fx.ingest(support, buildMail({ from: "test_sender@example.com", subject: "RE: RE: New todo" }), { appendTo: "ToDo", uid: 1 });
    expect(match.reference).toEqual({ doctype: "ToDo", name: ref });
    const other = await fx.ingest(support, buildMail({ from: "stranger@example.org", subject: "RE: RE: New todo" }), { appendTo: "ToDo", uid: 2 });
    expect(other.reference?.name).not.toBe(ref);
  });

  test("T28 a subject match with accents and an emoji (raw UTF-8 header)", async () => {
    const ref = await todo("Nouvelle tâche à faire 😃", "test_sender@example.com");
    const result = await fx.ingest(support, buildMail({ from: "test_sender@example.com", subject: "RE: Nouvelle tâche à faire 😃" }), { appendTo: "ToDo" });
    expect(result.reference).toEqual({ doctype: "ToDo", name: ref });
  });

  test("a subject match ignores documents created more than 60 days ago", async () => {
    const ref = await todo("ancient topic here");
    await fx.site.setValue("ToDo", ref, { creation: "2024-03-01 00:00:00.000000" });
    const result = await fx.ingest(support, buildMail({ from: "customer@example.org", subject: "Re: ancient topic here" }), { appendTo: "ToDo" });
    expect(result.reference?.name).not.toBe(ref);
  });

  test("a desk `+DocType=name` address names the document when automatic linking is on: no new ToDo", async () => {
    await fx.site.setValue("Email Account", "Support", { enable_automatic_linking: 1 });
    const ref = await todo("linked by address", "nobody@example.org");
    const result = await fx.ingest(support, buildMail({ to: `Support <support+ToDo=${ref}@example.com>`, subject: "About that" }), { appendTo: "ToDo" });
    expect(await fx.communication(result.communication)).toMatchObject({ reference_doctype: "ToDo", reference_name: ref, status: "Linked" });
    expect(await fx.site.count("ToDo")).toBe(1);
  });

  test("a `+DocType+name` address in Cc names the document; the Communication controller adds the timeline link", async () => {
    await fx.site.setValue("Email Account", "Support", { enable_automatic_linking: 1 });
    const ref = await todo("linked by cc", "nobody@example.org");
    const result = await fx.ingest(support, buildMail({ cc: `support+ToDo+${ref}@example.com`, subject: "About that" }), { appendTo: "ToDo" });
    const comm = await fx.communication(result.communication);
    expect(comm).toMatchObject({ reference_doctype: "ToDo", reference_name: ref });
    expect((comm.timeline_links as Doc[]).map((row) => [row.link_doctype, row.link_name])).toContainEqual(["ToDo", ref]);
    expect(await fx.site.count("ToDo")).toBe(1);
  });

  test("a `+` address is ignored while no account has automatic linking on", async () => {
    const ref = await todo("not linked", "nobody@example.org");
    const result = await fx.ingest(support, buildMail({ to: `support+ToDo+${ref}@example.com`, subject: "About that" }), { appendTo: "ToDo" });
    expect(result.reference?.name).not.toBe(ref);
    expect(await fx.site.count("ToDo")).toBe(2);
  });
});
