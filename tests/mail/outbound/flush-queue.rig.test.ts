import { createHmac } from "node:crypto";
import net from "node:net";
import { simpleParser } from "mailparser";
import type { Doc } from "../../../src/core/doc";
import { flushQueue, type FlushOptions } from "../../../src/mail/outbound/flush-queue";
import { queueEmail } from "../../../src/mail/outbound/queue-email";
import { retrySending } from "../../../src/mail/outbound/retry-sending";
import { TransportPool } from "../../../src/mail/outbound/transport-pool";
import { capturingLogger } from "../../controllers/email_account.fixture";
import { listMailbox, resetMailbox, rig, waitForMessage } from "../../rig";
import { type OutboundSite, insertAll, openOutboundSite } from "./outbound-site";
import { rawIncludes, rigSupportAccount } from "./rig-accounts";

const SECRET = "rig-site-secret";
const config = { siteHost: "erp.example.test", siteUrl: "https://erp.example.test", secret: SECRET };

/** The rig's Support account with everything a sent mail can carry switched on. */
function supportAccount(fields: Record<string, unknown> = {}): Doc {
  return rigSupportAccount({
    append_emails_to_sent_folder: 1,
    send_unsubscribe_message: 1,
    track_email_status: 1,
    add_signature: 1,
    signature: "Kind regards, the Support team",
    footer: "<p>Example Ltd, 1 Test Street</p>",
    ...fields,
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const hasId = rawIncludes;

describe("flushQueue against Postfix and Dovecot", () => {
  let t: OutboundSite;
  let pool: TransportPool;
  let log: ReturnType<typeof capturingLogger>;
  let flush: (extra?: Partial<FlushOptions>) => ReturnType<typeof flushQueue>;

  beforeEach(async () => {
    for (const user of ["info", "support", "sales", "lead"] as const) await resetMailbox(user);
    t = openOutboundSite();
    log = capturingLogger();
    pool = new TransportPool({ tls: { ca: rig().ca }, log });
    flush = (extra = {}) => flushQueue(t.site, { transports: pool, log, config, imapCa: rig().ca, ...extra });
  });
  afterEach(async () => {
    await pool.close();
    await t.close();
  });

  it("delivers a communication mail through submission (STARTTLS + AUTH) with its From, Reply-To, Message-ID, List-Unsubscribe, pixel, footer and signature", async () => {
    await insertAll(t.site, [
      supportAccount({ always_use_account_email_id_as_sender: 1 }),
      { doctype: "User", email: "agent@example.test", first_name: "Agent", last_name: "Smith", full_name: "Agent Smith" },
      { doctype: "Email Account", email_account_name: "Leads", email_id: rig().users.lead.email, enable_incoming: 1, use_imap: 1, email_server: rig().host, incoming_port: String(rig().imap.plain), use_starttls: 1, append_to: "Lead", awaiting_password: 1, imap_folder: [{ folder_name: "INBOX" }] },
      { doctype: "Lead", first_name: "Ivy", lead_name: "Ivy Info", email_id: rig().users.info.email },
    ]);
    const [lead] = await t.site.getList("Lead", { limit: 1 });
    const queued = await queueEmail(
      t.site,
      { communication: true, recipients: `Ivy Info <${rig().users.info.email}>`, subject: "Your request", content: "<p>Hello Ivy</p>", referenceDoctype: "Lead", referenceName: String(lead?.name), user: "agent@example.test" },
      { config },
    );

    const result = await flush();
    expect(result).toMatchObject({ picked: 1, sent: 1, failed: 0 });
    const row = await t.site.get("Email Queue", String(queued.queue[0]));
    expect(row.status).toBe("Sent");
    expect((row.recipients as Doc[])[0]).toMatchObject({ status: "Sent" });
    expect((await t.site.get("Communication", String(queued.communication))).delivery_status).toBe("Sent");

    const arrived = await waitForMessage("info", "INBOX", hasId(String(queued.messageId)));
    const mail = await simpleParser(arrived.raw);
    expect(mail.messageId).toBe(`<${queued.messageId}>`);
    // The agent's name on the account's address (always_use_account_email_id_as_sender), the agent kept in X-Original-From.
    expect(mail.from?.value).toEqual([{ name: "Agent Smith", address: rig().users.support.email }]);
    expect(mail.headers.get("x-original-from")).toBe("Agent Smith <agent@example.test>");
    // S4: the Lead is collected by lead@, so replies go there, not to support@ (the user manual's pitfall, as Frappe does).
    expect(mail.replyTo?.value).toEqual([{ name: "", address: rig().users.lead.email }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([{ name: "Ivy Info", address: rig().users.info.email }]);
    expect(mail.headers.get("x-frappe-site")).toBe("https://erp.example.test");

    const list = mail.headers.get("list") as { unsubscribe: { url: string }; "unsubscribe-post": { name: string } };
    expect(list["unsubscribe-post"].name).toBe("List-Unsubscribe=One-Click");
    const url = new URL(list.unsubscribe.url);
    expect(`${url.origin}${url.pathname}`).toBe("https://erp.example.test/api/method/frappe.email.queue.unsubscribe");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ email: rig().users.info.email, doctype: "Lead", name: String(lead?.name) });
    const [query, signature] = url.search.slice(1).split("&_signature=");
    expect(signature).toBe(createHmac("sha512", SECRET).update(String(query)).digest("hex"));
    expect(mail.html).toContain(`"${list.unsubscribe.url}">Leave this conversation</a> to stop receiving emails of this type`);
    expect(mail.text).toContain(list.unsubscribe.url);

    expect(mail.html).toContain(`<img src="https://erp.example.test/api/method/frappe.core.doctype.communication.email.mark_email_as_seen?name=${queued.communication}"/>`);
    expect(mail.html).toContain("<p>Hello Ivy</p>");
    expect(mail.html).toContain("Kind regards, the Support team");
    expect(mail.html).toContain("Example Ltd, 1 Test Street");
  });

  it("appends the sent mail to the account's Sent folder, flagged \\Seen", async () => {
    await insertAll(t.site, [supportAccount()]);
    const queued = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "Copy for Sent", message: "<p>Filed</p>" }, { config });
    await flush();
    const copy = await waitForMessage("support", "Sent", hasId(String(queued.messageId)));
    expect(copy.flags).toContain("\\Seen");
    expect((await simpleParser(copy.raw)).subject).toBe("Copy for Sent");
  });

  it("sends over implicit TLS (465-style port)", async () => {
    await insertAll(t.site, [supportAccount({ smtp_port: String(rig().smtp.smtps), use_tls: 0, use_ssl_for_outgoing: 1, append_emails_to_sent_folder: 0 })]);
    const queued = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "Over SMTPS", message: "x" }, { config });
    expect(await flush()).toMatchObject({ sent: 1 });
    await waitForMessage("info", "INBOX", hasId(String(queued.messageId)));
  });

  it("reuses the account's pooled transport across two flushes", async () => {
    await insertAll(t.site, [supportAccount({ append_emails_to_sent_folder: 0 })]);
    const first = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "First", message: "x" }, { config });
    await flush();
    const { transport } = await pool.transportFor(t.site, await t.site.get("Email Account", "Support"));
    const second = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "Second", message: "x" }, { config });
    await flush();
    expect(pool.created).toBe(1);
    expect((await pool.transportFor(t.site, await t.site.get("Email Account", "Support"))).transport).toBe(transport);
    await waitForMessage("info", "INBOX", hasId(String(first.messageId)));
    await waitForMessage("info", "INBOX", hasId(String(second.messageId)));
  });

  it("a wrong password: the row ends in Error with the server's message, never the password; after a fix and a retry it goes out", async () => {
    const wrong = "definitely-wrong-pw";
    await insertAll(t.site, [supportAccount({ password: wrong, append_emails_to_sent_folder: 0 })]);
    const queued = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "Locked out", message: "x" }, { config });
    const second = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "Also waiting", message: "x" }, { config });

    const result = await flush();
    const row = await t.site.get("Email Queue", String(queued.queue[0]));
    expect(row).toMatchObject({ status: "Error", retry: 1 });
    expect(String(row.error)).toMatch(/535/);
    expect(String(row.error)).not.toContain(wrong);
    expect(JSON.stringify(log.lines)).not.toContain(wrong);
    expect(JSON.stringify(log.lines)).not.toContain(Buffer.from(wrong).toString("base64"));
    // The login failure is the account's: its other row waits for the next flush instead of hammering the server.
    expect(result).toMatchObject({ failed: 1, skipped: 1 });
    expect((await t.site.get("Email Queue", String(second.queue[0]))).status).toBe("Not Sent");

    await t.site.save({ doctype: "Email Account", name: "Support", password: rig().users.support.password }, { noConnect: true });
    expect(await retrySending(t.site, [String(queued.queue[0])])).toEqual([queued.queue[0]]);
    expect(await flush()).toMatchObject({ sent: 2 });
    await waitForMessage("info", "INBOX", hasId(String(queued.messageId)));
  });

  it("an unknown recipient: the others still get it, the address is marked with the server's refusal, the row ends in Error", async () => {
    await insertAll(t.site, [supportAccount({ append_emails_to_sent_folder: 0 })]);
    const queued = await queueEmail(t.site, { recipients: `${rig().users.info.email}, nobody@example.test`, subject: "Mixed", message: "x" }, { config });
    const lone = await queueEmail(t.site, { recipients: "nobody@example.test", subject: "Lost", message: "x" }, { config });
    await flush();

    const row = await t.site.get("Email Queue", String(queued.queue[0]));
    expect(row.status).toBe("Error");
    const byAddress = Object.fromEntries((row.recipients as Doc[]).map((r) => [r.recipient, r]));
    expect(byAddress[rig().users.info.email]).toMatchObject({ status: "Sent" });
    expect(byAddress["nobody@example.test"]).toMatchObject({ status: "Not Sent" });
    expect(String(byAddress["nobody@example.test"]?.error)).toMatch(/550 5\.1\.1/);
    expect(String(row.error)).toMatch(/^nobody@example\.test: .*550 5\.1\.1/);
    await waitForMessage("info", "INBOX", hasId(String(queued.messageId)));
    expect((await t.site.get("Email Queue", String(lone.queue[0]))).status).toBe("Error");
  });

  it("a server that cannot be reached: retried on later flushes, Error once the retries are used up", async () => {
    await insertAll(t.site, [supportAccount({ smtp_port: String(await freePort()), append_emails_to_sent_folder: 0 })]);
    const queued = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "Nobody home", message: "x" }, { config });
    const name = String(queued.queue[0]);
    for (const retry of [1, 2, 3]) {
      await flush();
      expect(await t.site.get("Email Queue", name)).toMatchObject({ status: "Not Sent", retry });
    }
    await flush();
    const row = await t.site.get("Email Queue", name);
    expect(row).toMatchObject({ status: "Error", retry: 4 });
    expect(String(row.error)).toMatch(/ECONNREFUSED|connect/i);
  });

  it("refuses a header injection: a cleaned subject arrives, and nobody is mailed through an injected Bcc", async () => {
    await insertAll(t.site, [supportAccount({ append_emails_to_sent_folder: 0 })]);
    await expect(
      queueEmail(t.site, { recipients: `${rig().users.info.email}\r\nBcc: ${rig().users.sales.email}`, subject: "S", message: "x" }, { config }),
    ).rejects.toThrow("is not a valid Email Address");
    const queued = await queueEmail(t.site, { recipients: rig().users.info.email, subject: `Hi\r\nBcc: ${rig().users.sales.email}`, message: "x" }, { config });
    await flush();
    const arrived = await waitForMessage("info", "INBOX", hasId(String(queued.messageId)));
    expect((await simpleParser(arrived.raw)).subject).toBe(`HiBcc: ${rig().users.sales.email}`);
    expect(arrived.raw.toString("utf8")).not.toMatch(/^Bcc:/im);
    expect(await listMailbox("sales", "INBOX")).toEqual([]);
  });
});
