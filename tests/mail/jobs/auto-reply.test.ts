import type { Doc } from "../../../src/core/doc";
import { ingestMessage } from "../../../src/mail/inbound";
import { ingestWithAutoReply } from "../../../src/mail/jobs";
import { buildMail, eml, InboundFixture, SITE_HOST } from "../inbound/inbound-fixture";

const config = { siteHost: "erp.example.test", siteUrl: "https://erp.example.test", secret: "unit-secret" };

/** Support reads mail into ToDos and sends; auto-reply on. */
function supportAccount(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enable_incoming: 1,
    use_imap: 1,
    email_server: "imap.example.com",
    imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX", append_to: "ToDo" }],
    enable_outgoing: 1,
    smtp_server: "smtp.example.com",
    smtp_port: "587",
    use_tls: 1,
    enable_auto_reply: 1,
    auto_reply_message: "<p>Thanks for writing about {{ subject }}. Reference: {{ reference_doctype }} {{ reference_name }}</p>",
    send_unsubscribe_message: 0,
    ...extra,
  };
}

describe("auto-reply behind the puller's ingest (embedded site)", () => {
  let fx: InboundFixture;
  let clock: Date;
  let support: Doc;
  let ingest: ReturnType<typeof ingestWithAutoReply>;

  const pull = (source: Buffer, uid: number) =>
    ingest(fx.site, fx.message(support, source, { appendTo: "ToDo", uid }), { log: fx.log, siteHost: SITE_HOST });
  const queueRows = () => fx.site.getList("Email Queue", { fields: ["name", "message", "email_account", "reference_doctype", "reference_name", "sender"], orderBy: "creation asc", limit: 0 });
  const recipientsOf = async (name: unknown) => ((await fx.site.get("Email Queue", String(name))).recipients as Doc[]).map((row) => row.recipient);

  beforeEach(async () => {
    clock = new Date("2024-06-10T12:00:00Z");
    fx = new InboundFixture(() => clock);
    support = await fx.account("Support", "support@example.com", supportAccount());
    ingest = ingestWithAutoReply(ingestMessage, { now: () => clock, config });
  });
  afterEach(() => fx.close());

  test("a new mail gets one reply: to the sender, Re: subject, threaded, RFC 3834 headers, the rendered message, the reference", async () => {
    const result = await pull(buildMail({ from: "Jane <jane@customer.test>", subject: "Broken printer", messageId: "jane-1@customer.test" }), 1);
    expect(result.status).toBe("created");
    const comm = await fx.communication(result.communication);
    const rows = await queueRows();
    expect(rows).toHaveLength(1);
    const row = rows[0] as Doc;
    expect(row).toMatchObject({ email_account: "Support", reference_doctype: "ToDo", reference_name: comm.reference_name, sender: "support@example.com" });
    expect(await recipientsOf(row.name)).toEqual(["jane@customer.test"]);
    const message = String(row.message);
    expect(message).toMatch(/^Subject: Re: Broken printer$/m);
    expect(message).toMatch(/^In-Reply-To: <jane-1@customer\.test>$/m);
    expect(message).toMatch(/^References: <jane-1@customer\.test>$/m);
    expect(message).toMatch(/^Auto-Submitted: auto-replied$/m);
    expect(message).toMatch(/^X-Auto-Response-Suppress: All$/m);
    expect(message).toMatch(/^Precedence: auto_reply$/m);
    expect(message).toMatch(/^Reply-To: support@example\.com$/m);
    expect(message).toContain(`Thanks for writing about Broken printer. Reference: ToDo ${String(comm.reference_name)}`);
  });

  test("a second mail from the same sender within 24 hours gets no reply; another sender does; after 24 hours the first sender again does", async () => {
    await pull(buildMail({ from: "jane@customer.test", subject: "One" }), 1);
    clock = new Date("2024-06-10T18:00:00Z");
    await pull(buildMail({ from: "JANE@customer.test", subject: "Two" }), 2);
    await pull(buildMail({ from: "max@customer.test", subject: "Three" }), 3);
    expect(await fx.site.count("Communication", { sent_or_received: "Received" })).toBe(3);
    let rows = await queueRows();
    expect(await Promise.all(rows.map((row) => recipientsOf(row.name)))).toEqual([["jane@customer.test"], ["max@customer.test"]]);
    expect(fx.log.warnings).toEqual([]);

    clock = new Date("2024-06-11T12:30:00Z");
    await pull(buildMail({ from: "jane@customer.test", subject: "Four" }), 4);
    rows = await queueRows();
    expect(rows).toHaveLength(3);
    expect(String(rows[2]?.message)).toMatch(/^Subject: Re: Four$/m);
  });

  test("no reply to an auto-reply (Auto-Submitted), to a robot address, to another account of the site, or to a duplicate", async () => {
    await fx.account("Sales", "sales@example.com");
    expect((await pull(eml("auto-reply.eml"), 1)).status).toBe("created");
    expect((await pull(buildMail({ from: "noreply@shop.test" }), 2)).status).toBe("created");
    expect((await pull(buildMail({ from: "sales@example.com", subject: "Internal" }), 3)).status).toBe("created");
    await pull(buildMail({ from: "jane@customer.test", messageId: "dup@customer.test" }), 4);
    expect(await fx.site.count("Email Queue")).toBe(1);
    expect((await pull(buildMail({ from: "jane@customer.test", messageId: "dup@customer.test" }), 5)).status).toBe("duplicate");
    expect(await fx.site.count("Email Queue")).toBe(1);
  });

  test("an empty Auto Reply Message sends Frappe's default text with the reference", async () => {
    await fx.site.save({ doctype: "Email Account", name: "Support", auto_reply_message: "<p><br></p>" }, { noConnect: true });
    support = await fx.site.get("Email Account", "Support");
    const result = await pull(buildMail({ from: "jane@customer.test", subject: "Hello" }), 1);
    const comm = await fx.communication(result.communication);
    const [row] = await queueRows();
    expect(String(row?.message)).toContain("Thank you for your email");
    expect(String(row?.message)).toContain(`Reference: ToDo ${String(comm.reference_name)}`);
    expect(String(row?.message)).toContain("This is an automatically generated reply");
  });

  test("with auto-reply off nothing is queued", async () => {
    await fx.site.save({ doctype: "Email Account", name: "Support", enable_auto_reply: 0 }, { noConnect: true });
    support = await fx.site.get("Email Account", "Support");
    await pull(buildMail({ from: "jane@customer.test" }), 1);
    expect(await fx.site.count("Email Queue")).toBe(0);
  });

  test("when the reply cannot be queued the mail is stored all the same, and the reason is logged", async () => {
    await fx.site.save({ doctype: "Email Account", name: "Support", enable_outgoing: 0 }, { noConnect: true });
    support = await fx.site.get("Email Account", "Support");
    const failing = ingestWithAutoReply(ingestMessage, { now: () => clock, config: { ...config, siteHost: "bad host name" } });
    await fx.account("Outbox", "outbox@example.com", { enable_outgoing: 1, default_outgoing: 1, smtp_server: "smtp.example.com", smtp_port: "587" });
    // Inside the mail's transaction, as the puller runs it.
    const result = await fx.site.transaction(() =>
      failing(fx.site, fx.message(support, buildMail({ from: "jane@customer.test" }), { appendTo: "ToDo" }), { log: fx.log, siteHost: SITE_HOST }),
    );
    expect(result.status).toBe("created");
    expect(await fx.site.exists("Communication", String(result.communication))).toBe(true);
    expect(await fx.site.count("Email Queue")).toBe(0);
    expect(fx.log.warnings.map((w) => w.msg)).toEqual(["auto-reply not queued; the mail is stored all the same"]);
    expect(JSON.stringify(fx.log.warnings[0]?.obj)).toContain("ConfigError");
  });
});
