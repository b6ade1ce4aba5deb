import type { Doc } from "../../../src/core/doc";
import { flushQueue, type FlushOptions } from "../../../src/mail/outbound/flush-queue";
import { queueEmail } from "../../../src/mail/outbound/queue-email";
import { TransportPool } from "../../../src/mail/outbound/transport-pool";
import { listMailbox, resetMailbox, rig, waitForMessage } from "../../rig";
import { type OutboundSite, insertAll, openOutboundSite } from "./outbound-site";
import { rawIncludes, rigSupportAccount } from "./rig-accounts";

const config = { siteHost: "erp.example.test", siteUrl: "https://erp.example.test", secret: "rig-site-secret" };

describe("flushQueue: which rows, in which order, and when to stop", () => {
  let t: OutboundSite;
  let pool: TransportPool;
  const flush = (extra: Partial<FlushOptions> = {}) => flushQueue(t.site, { transports: pool, config, ...extra });
  const status = async (name: string | undefined) => (await t.site.get("Email Queue", String(name))).status;

  beforeEach(async () => {
    await resetMailbox("info");
    t = openOutboundSite();
    pool = new TransportPool({ tls: { ca: rig().ca } });
  });
  afterEach(async () => {
    await pool.close();
    await t.close();
  });

  it("verifies the server certificate: without the rig's CA the self-signed certificate is refused and the row waits for a retry", async () => {
    await insertAll(t.site, [rigSupportAccount()]);
    const untrusting = new TransportPool();
    try {
      const queued = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "S", message: "x" }, { config });
      await flushQueue(t.site, { transports: untrusting, config });
      const row = await t.site.get("Email Queue", String(queued.queue[0]));
      expect(row).toMatchObject({ status: "Not Sent", retry: 1 });
      expect(String(row.error)).toMatch(/self[- ]signed certificate/i);
    } finally {
      await untrusting.close();
    }
  });

  it("no_smtp_authentication: plain port 25, no AUTH and no password needed", async () => {
    await insertAll(t.site, [rigSupportAccount({ smtp_port: String(rig().smtp.plain), use_tls: 0, no_smtp_authentication: 1, password: undefined, awaiting_password: 1 })]);
    const queued = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "No AUTH", message: "x" }, { config });
    expect(await flush()).toMatchObject({ sent: 1 });
    await waitForMessage("info", "INBOX", rawIncludes(String(queued.messageId)));
  });

  it("an account still awaiting its password: its rows wait untouched", async () => {
    await insertAll(t.site, [rigSupportAccount({ password: undefined, awaiting_password: 1 })]);
    const queued = await queueEmail(t.site, { recipients: rig().users.info.email, subject: "Later", message: "x" }, { config });
    expect(await flush()).toMatchObject({ picked: 0, skipped: 1 });
    expect(await t.site.get("Email Queue", String(queued.queue[0]))).toMatchObject({ status: "Not Sent", retry: 0 });
  });

  it("takes due rows only, higher priority first, then fewer retries, then older", async () => {
    await insertAll(t.site, [rigSupportAccount()]);
    const send = (subject: string, extra: Record<string, unknown> = {}) =>
      queueEmail(t.site, { recipients: rig().users.info.email, subject, message: "x", ...extra }, { config });
    const low = await send("low");
    const retried = await send("high, retried", { priority: 5 });
    await t.site.setValue("Email Queue", String(retried.queue[0]), { retry: 1 });
    const high = await send("high", { priority: 5 });
    const later = await send("tomorrow", { priority: 9, sendAfter: 1 });

    await flush({ batchSize: 1 });
    expect([await status(high.queue[0]), await status(retried.queue[0]), await status(low.queue[0])]).toEqual(["Sent", "Not Sent", "Not Sent"]);
    await flush({ batchSize: 1 });
    expect(await status(retried.queue[0])).toBe("Sent");
    await flush();
    expect(await status(low.queue[0])).toBe("Sent");
    expect(await status(later.queue[0])).toBe("Not Sent");
    const subjects = (await listMailbox("info", "INBOX")).map((m) => /^Subject: (.*)$/m.exec(m.raw.toString("utf8"))?.[1]);
    expect(subjects).toEqual(["high", "high, retried", "low"]);
  });

  it("stops when more than a third of the batch, and more than 10 rows, failed (Frappe's abort rule)", async () => {
    await insertAll(t.site, [rigSupportAccount()]);
    const names: string[] = [];
    for (let i = 0; i < 13; i += 1) {
      names.push(...(await queueEmail(t.site, { recipients: `nobody${i}@example.test`, subject: `lost ${i}`, message: "x" }, { config })).queue);
    }
    const result = await flush();
    expect(result.aborted).toBe("Email Queue flushing aborted due to too many failures.");
    expect(result.failed).toBe(11);
    const statuses = await Promise.all(names.map(status));
    expect(statuses.filter((s) => s === "Error")).toHaveLength(11);
    expect(statuses.filter((s) => s === "Not Sent")).toHaveLength(2);
  });

  it("a row a crashed flush left in Sending is put back in line and sent, without mailing those already sent again", async () => {
    await insertAll(t.site, [rigSupportAccount()]);
    const queued = await queueEmail(t.site, { recipients: [rig().users.info.email, rig().users.sales.email], subject: "Interrupted", message: "x" }, { config });
    const name = String(queued.queue[0]);
    const row = await t.site.get("Email Queue", name);
    const [done] = row.recipients as Doc[];
    // As if the process died after delivering to the first recipient.
    await t.site.setValue("Email Queue Recipient", String(done?.name), { status: "Sent" });
    await t.site.setValue("Email Queue", name, { status: "Sending", modified: "2001-01-01 00:00:00.000000" }, { updateModified: false });
    await resetMailbox("sales");

    await flush();
    expect(await status(name)).toBe("Sent");
    await waitForMessage("sales", "INBOX", rawIncludes(String(queued.messageId)));
    expect(await listMailbox("info", "INBOX")).toEqual([]);
  });
});
