import { frappeDatetime } from "../../../src/mail/inbound/header-values";
import { buildMail, eml, InboundFixture } from "./inbound-fixture";

describe("ingestMessage: one mail becomes a Communication", () => {
  let fx: InboundFixture;
  beforeEach(() => {
    fx = new InboundFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  test("T1 a plain-text mail becomes a Received Communication with P17 fields and a ToDo through append_to", async () => {
    const account = await fx.account();
    const result = await fx.ingest(account, eml("plain-text-incoming.eml"), { appendTo: "ToDo", uid: 7 });
    expect(result.status).toBe("created");
    const comm = await fx.communication(result.communication);
    expect(comm).toMatchObject({
      subject: "Printer on floor 3 is broken",
      sender: "customer@example.org",
      sender_full_name: "Carla Customer",
      communication_medium: "Email",
      communication_type: "Communication",
      sent_or_received: "Received",
      email_account: "Support",
      imap_folder: "INBOX",
      uid: 7,
      message_id: "plain-1@mail.example.org",
      communication_date: frappeDatetime(new Date("2024-06-03T09:15:00Z")),
      status: "Linked",
      seen: 0,
      has_attachment: 0,
    });
    expect(comm.recipients).toContain("support@example.com");
    expect(comm.cc).toContain("boss@example.org");
    expect(result.reference).toEqual({ doctype: "ToDo", name: comm.reference_name });
    const todo = await fx.site.get("ToDo", String(comm.reference_name));
    expect(todo).toMatchObject({ description: "Printer on floor 3 is broken", sender: "customer@example.org", status: "Open" });
  });

  test("a plain-text mail's content is escaped text with line breaks: a <script> stays text", async () => {
    const account = await fx.account();
    const comm = await fx.communication((await fx.ingest(account, eml("plain-text-incoming.eml"))).communication);
    expect(comm.content).not.toMatch(/<script/i);
    expect(comm.content).toContain("&lt;script&gt;");
    expect(comm.content).toContain("<br />Please send someone.");
    expect(comm.text_content).toContain('<script>alert("x")</script>');
  });

  test("T3/T29 an HTML mail's inline image and attachment become private Files; cid: points at the stored image", async () => {
    const account = await fx.account();
    const result = await fx.ingest(account, eml("html-inline-image.eml"));
    const comm = await fx.communication(result.communication);
    const files = await fx.files(result.communication);
    expect(files.map((f) => f.file_name).sort()).toEqual(["error-screen.png", "invoice.pdf"]);
    expect(files.every((f) => f.is_private === 1)).toBe(true);
    const png = files.find((f) => f.file_name === "error-screen.png");
    expect(comm.has_attachment).toBe(1);
    expect(comm.content).toContain(`src="${String(png?.file_url)}"`);
    expect(comm.content).not.toContain("cid:");
    expect(comm.content).not.toMatch(/<style|color: red \}/);
    expect(comm.content).toContain("<b>screenshot</b>");
  });

  test("T4 a forwarded plain-text mail (message/rfc822) shows its headers and body in the content", async () => {
    const account = await fx.account();
    const comm = await fx.communication((await fx.ingest(account, eml("forwarded-outlook-plain.eml"))).communication);
    expect(comm.content).toContain('<p>From: "Microsoft Outlook" &lt;test_sender@example.com&gt;</p>');
    expect(comm.content).toContain("<p>Subject: Microsoft Outlook Test Message</p>");
    expect(comm.content).toContain("sent automatically by Microsoft Outlook while testing the settings for your account.");
    expect(comm.text_content).toContain('From: "Microsoft Outlook" <test_sender@example.com>');
    expect(await fx.files(comm.name)).toEqual([]);
  });

  test("T5 a forwarded multipart mail shows its headers and its HTML body", async () => {
    const account = await fx.account();
    const comm = await fx.communication((await fx.ingest(account, eml("forwarded-outlook-layers.eml"))).communication);
    expect(comm.content).toContain('<p>From: "Microsoft Outlook" &lt;test_sender@example.com&gt;</p>');
    expect(comm.content).toContain("<p>This is an e-mail message sent automatically by Microsoft Outlook");
    expect(comm.content).toContain("4<sup>th</sup> test email");
  });

  test("T17 append_to ToDo with uid 12345 and seen: the ToDo exists, seen and _seen come from the server's flag", async () => {
    const account = await fx.account();
    await fx.site.insert({ doctype: "User", email: "agent@example.com", first_name: "Agent", user_emails: [{ doctype: "User Email", email_account: "Support" }] });
    const result = await fx.ingest(account, eml("html-inline-image.eml"), { appendTo: "ToDo", uid: 12345, seen: true });
    const comm = await fx.communication(result.communication);
    expect(comm).toMatchObject({ uid: 12345, seen: 1, reference_doctype: "ToDo" });
    expect(await fx.site.exists("ToDo", String(comm.reference_name))).toBe(true);
    const [row] = await fx.site.getList("Communication", { fields: ["_seen"], filters: { name: String(comm.name) } });
    expect(JSON.parse(String(row?._seen))).toEqual(["agent@example.com"]);
  });

  test("P19 the controller's rules run: Contacts per create_contact join the timeline", async () => {
    const account = await fx.account();
    const comm = await fx.communication((await fx.ingest(account, eml("plain-text-incoming.eml"))).communication);
    const links = (comm.timeline_links as Array<Record<string, unknown>>).map((row) => [row.link_doctype, row.link_name]);
    expect(links).toContainEqual(["Contact", "Customer"]);
    expect((await fx.site.get("Contact", "Customer")).email_id).toBe("customer@example.org");

    const quiet = await fx.account("Quiet", "quiet@example.com", { create_contact: 0 });
    await fx.ingest(quiet, buildMail({ from: "newcomer@example.org", to: "quiet@example.com" }));
    expect(await fx.site.count("Contact Email", { email_id: "newcomer@example.org" })).toBe(0);
  });

  test("append_to Communication (or none) stores the Communication on its own", async () => {
    const account = await fx.account();
    const result = await fx.ingest(account, eml("plain-text-incoming.eml"), { appendTo: "Communication" });
    const comm = await fx.communication(result.communication);
    expect(comm.reference_doctype ?? null).toBeNull();
    expect(comm.status).toBe("Open");
    expect(await fx.site.count("ToDo")).toBe(0);
  });

  test("T19 P12 a mail from the account's own address that is not a reply is skipped, nothing stored", async () => {
    const account = await fx.account();
    const result = await fx.ingest(account, eml("self-sent.eml"), { appendTo: "ToDo" });
    expect(result.status).toBe("skipped");
    expect(result.reason).toMatch(/own address/);
    expect(await fx.site.count("Communication")).toBe(0);
    expect(await fx.site.count("ToDo")).toBe(0);
    expect(await fx.site.count("Unhandled Email")).toBe(0);
  });

  test("P12 a reply from the account's own address is stored", async () => {
    const account = await fx.account();
    const result = await fx.ingest(account, buildMail({ from: "support@example.com", inReplyTo: "<earlier@example.org>" }));
    expect(result.status).toBe("created");
  });

  test("T20 P13 the same Message-ID again in the same account is a duplicate: the stored copy takes the new UID", async () => {
    const account = await fx.account();
    const first = await fx.ingest(account, eml("plain-text-incoming.eml"), { uid: 5 });
    const stored = await fx.communication(first.communication);
    const again = await fx.ingest(account, eml("plain-text-incoming.eml"), { uid: 12345, folder: "Archive" });
    expect(again).toEqual({ status: "duplicate", communication: first.communication });
    expect(await fx.site.count("Communication")).toBe(1);
    const updated = await fx.communication(first.communication);
    expect(updated).toMatchObject({ uid: 12345, imap_folder: "Archive", modified: stored.modified });
  });

  test("P13 a mail without Message-ID is a duplicate only at the same folder and UID", async () => {
    const account = await fx.account();
    const mail = buildMail({ messageId: null, subject: "No id" });
    expect((await fx.ingest(account, mail, { uid: 9 })).status).toBe("created");
    expect((await fx.ingest(account, mail, { uid: 9 })).status).toBe("duplicate");
    expect((await fx.ingest(account, mail, { uid: 10 })).status).toBe("created");
    expect((await fx.ingest(account, mail, { uid: 9, folder: "Other" })).status).toBe("created");
    const [row] = await fx.site.getList("Communication", { fields: ["message_id"], limit: 1 });
    expect(row?.message_id ?? "").toBe("");
  });

  test("the same Message-ID in two accounts lands in both", async () => {
    const support = await fx.account();
    const sales = await fx.account("Sales", "sales@example.com");
    const a = await fx.ingest(support, eml("plain-text-incoming.eml"));
    const b = await fx.ingest(sales, eml("plain-text-incoming.eml"));
    expect([a.status, b.status]).toEqual(["created", "created"]);
    expect(a.communication).not.toBe(b.communication);
    expect((await fx.communication(b.communication)).email_account).toBe("Sales");
  });

  test("hostile HTML is sanitised: no script, handlers, javascript: URLs, iframes, objects, forms or CSS urls", async () => {
    const account = await fx.account();
    const comm = await fx.communication((await fx.ingest(account, eml("hostile-html.eml"))).communication);
    const content = String(comm.content);
    for (const bad of [/<script/i, /onerror/i, /onload/i, /javascript:/i, /<iframe/i, /<object/i, /<embed/i, /<svg/i, /<form/i, /<input/i, /url\(/i, /hidden title/, /steal/]) {
      expect(content).not.toMatch(bad);
    }
    expect(content).toContain('<p style="color:red">Red text</p>');
    expect(content).toContain('<a href="https://example.org/ok" target="_blank" rel="noopener noreferrer">fine link</a>');
    expect(content).toContain('<td colspan="2">cell</td>');
  });

  test("encoded words in windows-1252, ISO-2022-JP and UTF-8 are all decoded (H8), body charset too", async () => {
    const account = await fx.account();
    const comm = await fx.communication((await fx.ingest(account, eml("encoded-words.eml"))).communication);
    expect(comm.subject).toBe("“Café” orderですか 😃 naïve");
    expect(comm).toMatchObject({ sender: "joerg@example.de", sender_full_name: "Jörg Müller" });
    expect(comm.recipients).toBe("山田 <yamada@example.jp>, support@example.com");
    expect(comm.text_content).toContain("Grüße aus Köln – € 5,00");
  });

  test("P11 subject: trimmed, at most 140 characters, empty -> No Subject; Date in the future -> now", async () => {
    const account = await fx.account();
    const long = "x".repeat(200);
    const a = await fx.communication((await fx.ingest(account, buildMail({ subject: `   ${long}  `, date: "Mon, 01 Jan 2035 00:00:00 +0000" }))).communication);
    expect(a.subject).toBe("x".repeat(140));
    expect(a.communication_date).toBe(frappeDatetime(fx.now()));
    const b = await fx.communication((await fx.ingest(account, buildMail({ subject: "   ", date: "not a date" }))).communication);
    expect(b.subject).toBe("No Subject");
    expect(b.communication_date).toBe(frappeDatetime(fx.now()));
  });

  test("P11 X-Original-From wins over From, and Reply-To gives the address unless it is one of our accounts", async () => {
    const account = await fx.account();
    const viaList = await fx.communication(
      (await fx.ingest(account, buildMail({ from: "List <list@lists.example.org>", headers: { "X-Original-From": "=?utf-8?q?Ren=C3=A9?= <Rene@Example.org>" } }))).communication,
    );
    expect(viaList).toMatchObject({ sender: "rene@example.org", sender_full_name: "René" });
    const replyTo = await fx.communication((await fx.ingest(account, buildMail({ from: "Web Form <noreply@example.org>", headers: { "Reply-To": "Visitor <Visitor@Example.net>" } }))).communication);
    expect(replyTo).toMatchObject({ sender: "visitor@example.net", sender_full_name: "Web Form" });
    await fx.account("Sales", "sales@example.com");
    const ours = await fx.communication((await fx.ingest(account, buildMail({ from: "Pat <pat@example.org>", headers: { "Reply-To": "sales@example.com" } }))).communication);
    expect(ours.sender).toBe("pat@example.org");
  });

  test("a sender address the site's Email check refuses (root@localhost) keeps the mail, with the address as the name", async () => {
    const account = await fx.account();
    const result = await fx.ingest(account, buildMail({ from: "Cron Daemon <root@localhost>", subject: "cron output" }));
    expect(result.status).toBe("created");
    const comm = await fx.communication(result.communication);
    expect(comm.sender ?? "").toBe("");
    expect(comm.sender_full_name).toBe("Cron Daemon");
    const bare = await fx.communication((await fx.ingest(account, buildMail({ from: "root@localhost", subject: "more cron" }))).communication);
    expect(bare.sender_full_name).toBe("root@localhost");
  });

  test("P17 a mail carrying Frappe's isnotification header is marked unread_notification_sent", async () => {
    const account = await fx.account();
    const comm = await fx.communication((await fx.ingest(account, buildMail({ headers: { isnotification: "<notification>" } }))).communication);
    expect(comm.unread_notification_sent).toBe(1);
  });
});
