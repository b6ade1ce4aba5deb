import { simpleParser } from "mailparser";
import type { Doc } from "../../../src/core/doc";
import { queueEmail } from "../../../src/mail/outbound/queue-email";
import { InvalidEmailAddressError, OutgoingEmailError, ValidationError } from "../../../src/errors";
import { type OutboundSite, insertAll, openOutboundSite, outgoingAccount } from "./outbound-site";

const config = { siteHost: "erp.example.test", siteUrl: "https://erp.example.test", secret: "test-secret" };
const MESSAGE_ID = /^\d+\.\d+\.\d+@erp\.example\.test$/;

async function queueRow(t: OutboundSite, name: string | undefined): Promise<Doc> {
  return t.site.get("Email Queue", String(name));
}

describe("queueEmail as frappe.sendmail", () => {
  let t: OutboundSite;
  beforeEach(async () => {
    t = openOutboundSite();
    await insertAll(t.site, [outgoingAccount("Support", "support@example.test", { default_outgoing: 1, footer: "<p>Support team footer</p>" })]);
  });
  afterEach(() => t.close());

  it("writes one Not Sent row holding the whole MIME text, the account's sender and a generated Message-ID", async () => {
    const result = await queueEmail(t.site, { recipients: "a@example.test, B <b@example.test>", cc: "c@example.test", bcc: ["d@example.test"], subject: "Hello", message: "<p>Body</p>" }, { config });
    expect(result.queue).toHaveLength(1);
    expect(result.messageId).toMatch(MESSAGE_ID);
    const row = await queueRow(t, result.queue[0]);
    expect(row).toMatchObject({ status: "Not Sent", retry: 0, priority: 1, sender: "Support <support@example.test>", message_id: result.messageId, show_as_cc: "c@example.test", email_account: "Support" });
    expect((row.recipients as Doc[]).map((r) => [r.recipient, r.status])).toEqual([
      ["a@example.test", "Not Sent"],
      ["B <b@example.test>", "Not Sent"],
      ["c@example.test", "Not Sent"],
      ["d@example.test", "Not Sent"],
    ]);
    const mail = await simpleParser(String(row.message));
    expect(mail.subject).toBe("Hello");
    expect(mail.messageId).toBe(`<${result.messageId}>`);
    expect(mail.headers.get("x-frappe-site")).toBe("https://erp.example.test");
    expect(mail.headers.get("isnotification")).toBe("<notification>");
    expect(String(row.message)).toMatch(/^To: <!--recipient-->$/m);
    expect(mail.cc).toBeUndefined();
    expect(String(row.message)).not.toMatch(/^Bcc:/im);
    expect(mail.html).toContain("<p>Body</p>");
    expect(mail.html).toContain("Support team footer");
    expect(mail.text).toContain("Body");
  });

  it("with recipients exposed in the header: To and CC list everybody, BCC stays hidden", async () => {
    const result = await queueEmail(t.site, { recipients: "a@example.test", cc: "c@example.test", bcc: "d@example.test", subject: "S", message: "x", exposeRecipients: "header" }, { config });
    const message = String((await queueRow(t, result.queue[0])).message);
    const mail = await simpleParser(message);
    expect(mail.headers.get("to")).toMatchObject({ text: "a@example.test" });
    expect(mail.headers.get("cc")).toMatchObject({ text: "c@example.test" });
    expect(message).not.toContain("d@example.test");
  });

  it("a given Message-ID is used as is and the mail is not marked as a notification", async () => {
    const result = await queueEmail(t.site, { recipients: "a@example.test", subject: "S", message: "x", messageId: "<given.1@erp.example.test>" }, { config });
    const mail = await simpleParser(String((await queueRow(t, result.queue[0])).message));
    expect(result.messageId).toBe("given.1@erp.example.test");
    expect(mail.messageId).toBe("<given.1@erp.example.test>");
    expect(mail.headers.has("isnotification")).toBe(false);
  });

  it("nobody to mail: nothing queued", async () => {
    expect(await queueEmail(t.site, { recipients: "", subject: "S", message: "x" }, { config })).toEqual({ queue: [], emailsNotSentTo: [] });
    expect(await t.site.count("Email Queue")).toBe(0);
  });

  it("one row per To address when asked (CC and BCC on each)", async () => {
    const result = await queueEmail(t.site, { recipients: ["a@example.test", "b@example.test"], cc: "c@example.test", subject: "S", message: "x", queueSeparately: true }, { config });
    expect(result.queue).toHaveLength(2);
    const rows = await Promise.all(result.queue.map((name) => queueRow(t, name)));
    expect(rows.map((row) => (row.recipients as Doc[]).map((r) => r.recipient))).toEqual([
      ["a@example.test", "c@example.test"],
      ["b@example.test", "c@example.test"],
    ]);
  });

  it("send_after as a number of days is midnight of that day; a Date is kept", async () => {
    const now = () => new Date(2025, 0, 30, 15, 0, 0);
    const days = await queueEmail(t.site, { recipients: "a@example.test", subject: "S", message: "x", sendAfter: 2 }, { config, now });
    expect((await queueRow(t, days.queue[0])).send_after).toBe("2025-02-01 00:00:00.000000");
    const at = await queueEmail(t.site, { recipients: "a@example.test", subject: "S", message: "x", sendAfter: new Date(2025, 1, 3, 9, 30) }, { config, now });
    expect((await queueRow(t, at.queue[0])).send_after).toBe("2025-02-03 09:30:00.000000");
  });

  it("the account flags rewrite the sender and keep the original in X-Original-From", async () => {
    await t.site.setValue("Email Account", "Support", { always_use_account_email_id_as_sender: 1 });
    const result = await queueEmail(t.site, { recipients: "a@example.test", sender: "Jane Doe <jane@example.test>", emailAccount: "Support", subject: "S", message: "x" }, { config });
    const row = await queueRow(t, result.queue[0]);
    expect(row.sender).toBe("Jane Doe <support@example.test>");
    const mail = await simpleParser(String(row.message));
    expect(mail.from?.value).toEqual([{ name: "Jane Doe", address: "support@example.test" }]);
    expect(mail.headers.get("x-original-from")).toBe("Jane Doe <jane@example.test>");
    // Reply-To defaults to the sender as given, so answers reach Jane.
    expect(mail.replyTo?.value).toEqual([{ name: "Jane Doe", address: "jane@example.test" }]);
  });

  it("a sender account that does not exist is refused; no account at all gives Frappe's error", async () => {
    await t.site.setValue("Email Account", "Support", { default_outgoing: 0 });
    await expect(queueEmail(t.site, { recipients: "a@example.test", subject: "S", message: "x" }, { config })).rejects.toThrow(
      new OutgoingEmailError("Please setup default Email Account from Settings > Email Account"),
    );
  });

  describe("header injection from record fields", () => {
    it("a subject with line breaks is cleaned (Frappe removes them)", async () => {
      const result = await queueEmail(t.site, { recipients: "a@example.test", subject: "Hi\r\nBcc: evil@example.test", message: "x" }, { config });
      const message = String((await queueRow(t, result.queue[0])).message);
      expect((await simpleParser(message)).subject).toBe("HiBcc: evil@example.test");
      expect(message).not.toMatch(/^Bcc:/im);
    });

    it("an address with a line break is refused and nothing is queued", async () => {
      await expect(queueEmail(t.site, { recipients: "a@example.test\r\nBcc: evil@example.test", subject: "S", message: "x" }, { config })).rejects.toThrow(InvalidEmailAddressError);
      await expect(queueEmail(t.site, { recipients: "a@example.test", sender: "Jane\r\nBcc: evil@example.test <jane@example.test>", subject: "S", message: "x" }, { config })).rejects.toThrow(
        InvalidEmailAddressError,
      );
      await expect(queueEmail(t.site, { recipients: "a@example.test", replyTo: "r@example.test\nX: y", subject: "S", message: "x" }, { config })).rejects.toThrow(InvalidEmailAddressError);
      await expect(queueEmail(t.site, { recipients: "a@example.test", subject: "S", message: "x", messageId: "a@b\r\nBcc: c@d" }, { config })).rejects.toThrow(ValidationError);
      expect(await t.site.count("Email Queue")).toBe(0);
    });
  });
});

describe("queueEmail with communication: true (the desk composer's make)", () => {
  let t: OutboundSite;
  beforeEach(async () => {
    t = openOutboundSite();
    await insertAll(t.site, [
      outgoingAccount("Support", "support@example.test", {
        default_outgoing: 1,
        add_signature: 1,
        signature: "Kind regards\nThe Support Team",
        send_unsubscribe_message: 1,
        track_email_status: 1,
      }),
      outgoingAccount("Leads", "lead@example.test", { enable_outgoing: 0, enable_incoming: 1, use_imap: 1, email_server: "imap.example.test", append_to: "Lead", imap_folder: [{ folder_name: "INBOX" }] }),
      { doctype: "Lead", first_name: "Jane", lead_name: "Jane Customer", email_id: "jane@customer.test" },
      { doctype: "User", email: "agent@example.test", first_name: "Agent", last_name: "Smith", full_name: "Agent Smith" },
      { doctype: "User", email: "quiet@example.test", first_name: "Quiet", thread_notify: 0 },
    ]);
  });
  afterEach(() => t.close());

  async function leadName(): Promise<string> {
    const [lead] = await t.site.getList("Lead", { limit: 1 });
    return String(lead?.name);
  }

  it("records a Sent Communication whose Message-ID the queued mail carries", async () => {
    const lead = await leadName();
    const result = await queueEmail(
      t.site,
      { communication: true, recipients: "Jane Customer <jane@customer.test>", subject: "Your request", content: "<p>Hello Jane</p>", referenceDoctype: "Lead", referenceName: lead, user: "agent@example.test" },
      { config },
    );
    const communication = await t.site.get("Communication", String(result.communication));
    expect(communication).toMatchObject({ sent_or_received: "Sent", communication_medium: "Email", sender: "agent@example.test", sender_full_name: "Agent Smith", email_account: "Support", reference_doctype: "Lead", reference_name: lead });
    expect(communication.message_id).toBe(result.messageId);
    const row = await queueRow(t, result.queue[0]);
    expect(row).toMatchObject({ communication: result.communication, message_id: result.messageId, expose_recipients: "header", reference_doctype: "Lead" });
    const message = String(row.message);
    const mail = await simpleParser(message);
    expect(mail.messageId).toBe(`<${result.messageId}>`);
    expect(mail.headers.has("isnotification")).toBe(false);
    expect(mail.from?.value).toEqual([{ name: "Agent Smith", address: "agent@example.test" }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([{ name: "Jane Customer", address: "jane@customer.test" }]);
    // S4: the Lead is collected by lead@, so replies go there (the user manual's pitfall, kept as Frappe does).
    expect(mail.replyTo?.value).toEqual([{ name: "", address: "lead@example.test" }]);
    // S12: "Leave this conversation" link and the RFC 8058 headers, filled per recipient at send time.
    expect(mail.html).toContain("Leave this conversation</a> to stop receiving emails of this type");
    expect(message).toMatch(/^List-Unsubscribe: <<!--unsubscribe_url-->>$/m);
    expect(message).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(mail.html).toContain("<!--email_open_check-->");
    // S11: the account's signature (the user has none), its line breaks kept.
    expect(mail.html).toContain('<div class="signature">Kind regards<br>The Support Team</div>');
    expect(communication.content).toContain("Kind regards");
  });

  it("send me a copy: the sending user in CC; users with thread notifications off and Administrator are left out", async () => {
    const result = await queueEmail(
      t.site,
      { communication: true, recipients: "jane@customer.test, Administrator", cc: "quiet@example.test", subject: "S", content: "x", sendMeACopy: true, user: "agent@example.test", addSignature: false },
      { config },
    );
    const row = await queueRow(t, result.queue[0]);
    expect((row.recipients as Doc[]).map((r) => r.recipient)).toEqual(["jane@customer.test", "agent@example.test"]);
    expect(row.show_as_cc).toBe("agent@example.test");
    expect(result.emailsNotSentTo.sort()).toEqual(["Administrator", "quiet@example.test"]);
  });

  it("Administrator sends as the account, and its copy goes to that sender address", async () => {
    const result = await queueEmail(t.site, { communication: true, recipients: "jane@customer.test", subject: "S", content: "x", sendMeACopy: true }, { config });
    const row = await queueRow(t, result.queue[0]);
    expect(row.sender).toBe("Support <support@example.test>");
    expect(row.show_as_cc).toBe("support@example.test");
  });

  it("a reply to a Communication carries In-Reply-To and References of its thread", async () => {
    const first = await t.site.insert({ doctype: "Communication", communication_medium: "Email", sent_or_received: "Received", sender: "jane@customer.test", subject: "Q", message_id: "first@customer.test" });
    const second = await t.site.insert({ doctype: "Communication", communication_medium: "Email", sent_or_received: "Received", sender: "jane@customer.test", subject: "Re: Q", message_id: "second@customer.test", in_reply_to: first.doc.name });
    const result = await queueEmail(t.site, { communication: true, recipients: "jane@customer.test", subject: "Re: Q", content: "x", inReplyTo: String(second.doc.name) }, { config });
    const mail = await simpleParser(String((await queueRow(t, result.queue[0])).message));
    expect(mail.inReplyTo).toBe("<second@customer.test>");
    expect(mail.references).toEqual(["<first@customer.test>", "<second@customer.test>"]);
    expect((await t.site.get("Communication", String(result.communication))).in_reply_to).toBe(second.doc.name);
  });

  it("no account can send: the composer's error, and no Communication is left behind", async () => {
    await t.site.setValue("Email Account", "Support", { enable_outgoing: 0 });
    await expect(queueEmail(t.site, { communication: true, recipients: "jane@customer.test", subject: "S", content: "x" }, { config })).rejects.toThrow(
      "Unable to send mail because of a missing email account. Please setup default Email Account from Settings > Email Account",
    );
    expect(await t.site.count("Communication")).toBe(0);
  });

  it("an injected recipient is refused before the Communication is written", async () => {
    await expect(queueEmail(t.site, { communication: true, recipients: "jane@customer.test\nBcc: evil@example.test", subject: "S", content: "x" }, { config })).rejects.toThrow(
      InvalidEmailAddressError,
    );
    expect(await t.site.count("Communication")).toBe(0);
  });
});
