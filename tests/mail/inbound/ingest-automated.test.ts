import type { Doc } from "../../../src/core/doc";
import { AUTOMATED_COMMUNICATION_TYPE } from "../../../src/mail/inbound";
import { buildMail, eml, InboundFixture, SITE_HOST } from "./inbound-fixture";

describe("ingestMessage: auto-replies and bounces", () => {
  let fx: InboundFixture;
  let support: Doc;
  beforeEach(async () => {
    fx = new InboundFixture();
    support = await fx.account("Support", "support@example.com", { append_to: "ToDo" });
  });
  afterEach(async () => {
    await fx.close();
  });

  test("an auto-reply is stored, typed Automated Message, and creates no append-to document", async () => {
    const result = await fx.ingest(support, eml("auto-reply.eml"), { appendTo: "ToDo" });
    expect(result.status).toBe("created");
    expect(result.reference).toBeUndefined();
    const comm = await fx.communication(result.communication);
    expect(comm).toMatchObject({ communication_type: AUTOMATED_COMMUNICATION_TYPE, unread_notification_sent: 1, status: "Closed", sent_or_received: "Received" });
    expect(await fx.site.count("ToDo")).toBe(0);
  });

  test("a bounce (multipart/report from MAILER-DAEMON) threads by the returned original's Message-ID", async () => {
    const { doc: todo } = await fx.site.insert({ doctype: "ToDo", description: "Your ticket", sender: "nobody@example.org" });
    const messageId = `original-1@${SITE_HOST}`; // as in the bounce's text/rfc822-headers part
    const { doc: sent } = await fx.site.insert({
      doctype: "Communication",
      communication_medium: "Email",
      sent_or_received: "Sent",
      subject: "Your ticket",
      message_id: messageId,
      email_account: "Support",
      reference_doctype: "ToDo",
      reference_name: todo.name,
    });
    const result = await fx.ingest(support, eml("bounce-delivery-status.eml"), { appendTo: "ToDo" });
    const comm = await fx.communication(result.communication);
    expect(comm).toMatchObject({
      communication_type: AUTOMATED_COMMUNICATION_TYPE,
      in_reply_to: sent.name,
      reference_doctype: "ToDo",
      reference_name: todo.name,
      sender: "mailer-daemon@mx.example.com",
    });
    expect(String(comm.text_content)).toContain("Status: 5.1.1");
    expect(await fx.site.count("ToDo")).toBe(1);
  });

  test("an auto-reply threads by its In-Reply-To like any reply", async () => {
    const { doc: todo } = await fx.site.insert({ doctype: "ToDo", description: "Your ticket", sender: "olga@example.org" });
    const { doc: sent } = await fx.site.insert({
      doctype: "Communication",
      communication_medium: "Email",
      sent_or_received: "Sent",
      subject: "Your ticket",
      message_id: `sent-2@${SITE_HOST}`,
      reference_doctype: "ToDo",
      reference_name: todo.name,
    });
    const raw = eml("auto-reply.eml").toString("utf8").replace("X-Autoreply: yes", `X-Autoreply: yes\r\nIn-Reply-To: <sent-2@${SITE_HOST}>`);
    const comm = await fx.communication((await fx.ingest(support, Buffer.from(raw), { appendTo: "ToDo" })).communication);
    expect(comm).toMatchObject({ in_reply_to: sent.name, reference_name: todo.name, communication_type: AUTOMATED_COMMUNICATION_TYPE });
  });

  test("a bounce that answers nothing known stays a lone Communication", async () => {
    const result = await fx.ingest(support, eml("bounce-delivery-status.eml"), { appendTo: "ToDo" });
    expect(result.status).toBe("created");
    expect(await fx.site.count("ToDo")).toBe(0);
    const files = await fx.files(result.communication);
    expect(files).toHaveLength(1); // the returned headers (text/rfc822-headers) are kept as a file
  });

  test("Precedence: bulk mail creates no document either", async () => {
    const result = await fx.ingest(support, buildMail({ headers: { Precedence: "bulk" }, subject: "Newsletter" }), { appendTo: "ToDo" });
    expect((await fx.communication(result.communication)).communication_type).toBe(AUTOMATED_COMMUNICATION_TYPE);
    expect(await fx.site.count("ToDo")).toBe(0);
  });

  test("an ordinary mail with Auto-Submitted: no is a normal Communication", async () => {
    const result = await fx.ingest(support, buildMail({ headers: { "Auto-Submitted": "no" } }), { appendTo: "ToDo" });
    expect((await fx.communication(result.communication)).communication_type).toBe("Communication");
    expect(await fx.site.count("ToDo")).toBe(1);
  });
});
