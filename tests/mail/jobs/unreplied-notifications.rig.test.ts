import { simpleParser } from "mailparser";
import { formatDatetime } from "../../../src/core/datetime";
import { createMailEngine, type MailEngine } from "../../../src/mail/engine";
import { listMailbox, resetMailbox, rig, waitForMessage } from "../../rig";
import { JobsSite, RIG_OUTBOUND, RIG_SITE_HOST, rigSupport } from "./jobs-rig-fixture";

jest.setTimeout(60_000);

describe("unreplied notifications (J2) through Postfix", () => {
  let js: JobsSite;
  let engine: MailEngine;
  const signal = new AbortController().signal;

  /** A Received Communication of Support referencing a new ToDo in `status`, back-dated `minutesAgo`. */
  async function received(subject: string, minutesAgo: number, status: string): Promise<string> {
    const todo = await js.insert({ doctype: "ToDo", description: subject, status });
    const comm = await js.insert({
      doctype: "Communication",
      communication_medium: "Email",
      sent_or_received: "Received",
      subject,
      content: `<p>${subject}: the customer is waiting.</p>`,
      sender: "customer@outside.test",
      email_account: "Support",
      reference_doctype: "ToDo",
      reference_name: todo.name,
    });
    await js.site.setValue("Communication", String(comm.name), { creation: formatDatetime(new Date(Date.now() - minutesAgo * 60_000)) }, { updateModified: false });
    return String(comm.name);
  }
  const flag = async (name: string) => (await js.site.get("Communication", name)).unread_notification_sent;

  beforeEach(async () => {
    await Promise.all([resetMailbox("sales"), resetMailbox("info")]);
    js = new JobsSite();
    await js.insert(rigSupport({ notify_if_unreplied: 1, unreplied_for_mins: 20, send_notification_to: `${rig().users.sales.email}\n${rig().users.info.email}` }));
    engine = createMailEngine({ site: js.site, log: js.log, siteHost: RIG_SITE_HOST, tls: { ca: rig().ca }, outbound: RIG_OUTBOUND });
  });
  afterEach(async () => {
    await engine.close();
    await js.close();
  });

  test("a mail unanswered for longer than N minutes on an Open document reaches every notification address; the flag is set", async () => {
    const name = await received("Where is my order", 30, "Open");

    const [report] = await engine.notifyUnrepliedAccounts(signal);
    const flushed = await engine.flush(signal);

    expect(report).toMatchObject({ account: "Support", considered: 1, notified: 1, errors: [] });
    expect(flushed).toMatchObject({ picked: 1, sent: 1, failed: 0 });
    for (const user of ["sales", "info"] as const) {
      const mail = await simpleParser((await waitForMessage(user, "INBOX", () => true)).raw);
      expect(mail.subject).toBe("Where is my order");
      expect(mail.html).toContain("Where is my order: the customer is waiting.");
      expect(mail.from?.value[0]?.address).toBe(rig().users.support.email);
    }
    expect(await flag(name)).toBe(1);
  });

  test("outside the window or with the document no longer Open: no mail; the flag is set only for the one in the window", async () => {
    const tooRecent = await received("Just now", 10, "Open");
    const tooOld = await received("Long ago", 61, "Open");
    const closed = await received("Already handled", 30, "Closed");

    const [report] = await engine.notifyUnrepliedAccounts(signal);
    const flushed = await engine.flush(signal);

    expect(report).toMatchObject({ considered: 1, notified: 0 });
    expect(flushed).toMatchObject({ picked: 0, sent: 0 });
    expect(await js.site.count("Email Queue")).toBe(0);
    expect([await flag(tooRecent), await flag(tooOld), await flag(closed)]).toEqual([0, 0, 1]);
    expect(await listMailbox("sales", "INBOX")).toEqual([]);
  });
});
