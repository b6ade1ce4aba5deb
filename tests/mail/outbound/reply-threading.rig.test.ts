import { simpleParser } from "mailparser";
import { ingestMessage } from "../../../src/mail/inbound";
import { flushQueue } from "../../../src/mail/outbound/flush-queue";
import { queueEmail } from "../../../src/mail/outbound/queue-email";
import { TransportPool } from "../../../src/mail/outbound/transport-pool";
import { capturingLogger } from "../../controllers/email_account.fixture";
import { deliverViaSmtp, folderStatus, resetMailbox, rig, waitForMessage } from "../../rig";
import { type OutboundSite, insertAll, openOutboundSite } from "./outbound-site";

const config = { siteHost: "erp.example.test", siteUrl: "https://erp.example.test", secret: "rig-site-secret" };

describe("a sent mail, its reply read back over IMAP, and the reply threaded to the sent Communication", () => {
  let t: OutboundSite;
  let pool: TransportPool;

  beforeEach(async () => {
    for (const user of ["info", "support"] as const) await resetMailbox(user);
    t = openOutboundSite();
    pool = new TransportPool({ tls: { ca: rig().ca } });
  });
  afterEach(async () => {
    await pool.close();
    await t.close();
  });

  it("the customer's reply to the Reply-To address lands on the same Communication thread and the same Lead", async () => {
    const { host, smtp, imap, users } = rig();
    await insertAll(t.site, [
      {
        doctype: "Email Account",
        email_account_name: "Support",
        email_id: users.support.email,
        password: users.support.password,
        enable_outgoing: 1,
        default_outgoing: 1,
        smtp_server: host,
        smtp_port: String(smtp.submission),
        use_tls: 1,
        enable_incoming: 1,
        default_incoming: 1,
        use_imap: 1,
        email_server: host,
        incoming_port: String(imap.plain),
        use_starttls: 1,
        imap_folder: [{ folder_name: "INBOX" }],
      },
      { doctype: "Lead", first_name: "Ivy", lead_name: "Ivy Info", email_id: users.info.email },
    ]);
    const [lead] = await t.site.getList("Lead", { limit: 1 });
    const sent = await queueEmail(
      t.site,
      { communication: true, recipients: users.info.email, subject: "Your quote", content: "<p>Here it is.</p>", referenceDoctype: "Lead", referenceName: String(lead?.name) },
      { config },
    );
    expect(await flushQueue(t.site, { transports: pool, config })).toMatchObject({ sent: 1 });

    // The customer reads it and answers to its Reply-To.
    const received = await simpleParser((await waitForMessage("info", "INBOX", (m) => m.raw.includes(String(sent.messageId)))).raw);
    const replyTo = received.replyTo?.value[0]?.address;
    expect(replyTo).toBe(users.support.email);
    await deliverViaSmtp({
      from: users.info.email,
      to: replyTo,
      subject: `Re: ${received.subject}`,
      text: "Thanks, accepted.",
      inReplyTo: received.messageId,
      references: [String(received.messageId)],
      messageId: "<reply.1@example.test>",
    });

    // The reply, read back over IMAP from the support mailbox, goes through the inbound code.
    const reply = await waitForMessage("support", "INBOX", (m) => m.raw.includes("reply.1@example.test"));
    const status = await folderStatus("support", "INBOX");
    const account = await t.site.get("Email Account", "Support");
    const result = await ingestMessage(
      t.site,
      { account, folder: "INBOX", appendTo: "", uid: reply.uid, uidvalidity: String(status.uidValidity), seen: false, source: reply.raw },
      { log: capturingLogger(), siteHost: config.siteHost },
    );
    expect(result.status).toBe("created");
    const communication = await t.site.get("Communication", String(result.communication));
    expect(communication).toMatchObject({
      sent_or_received: "Received",
      in_reply_to: sent.communication,
      reference_doctype: "Lead",
      reference_name: lead?.name,
      message_id: "reply.1@example.test",
    });
  });
});
