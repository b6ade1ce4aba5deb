import { formatDatetime } from "../../../src/core/datetime";
import type { Doc } from "../../../src/core/doc";
import { notifyUnrepliedCommunications } from "../../../src/mail/jobs";
import { InboundFixture } from "../inbound/inbound-fixture";

const config = { siteHost: "erp.example.test", siteUrl: "https://erp.example.test" };
const NOW = new Date("2024-06-10T12:00:00Z");
const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe("notifyUnrepliedCommunications (J2, embedded site)", () => {
  let fx: InboundFixture;

  /** A Received Communication of `account`, back-dated to `minutesAgo` before NOW, referencing a ToDo in `status`. */
  async function received(account: string, minutesAgo: number, status: string, extra: Record<string, unknown> = {}): Promise<string> {
    const { doc: todo } = await fx.site.insert({ doctype: "ToDo", description: `todo ${minutesAgo}`, status });
    const { doc } = await fx.site.insert({
      doctype: "Communication",
      communication_medium: "Email",
      sent_or_received: "Received",
      subject: `Question ${minutesAgo}`,
      content: `<p>Body ${minutesAgo}</p>`,
      sender: "jane@customer.test",
      email_account: account,
      reference_doctype: "ToDo",
      reference_name: todo.name,
      ...extra,
    });
    // The site's clock only moves forward: the creation time is set afterwards, as an old mail would have it.
    await fx.site.setValue("Communication", String(doc.name), { creation: formatDatetime(minutesBefore(minutesAgo)) }, { updateModified: false });
    return String(doc.name);
  }
  const flag = async (name: string) => (await fx.site.get("Communication", name)).unread_notification_sent;
  const queued = async () =>
    Promise.all(
      (await fx.site.getList("Email Queue", { fields: ["name", "message", "reference_doctype", "reference_name", "email_account"], orderBy: "creation asc", limit: 0 })).map(async (row): Promise<Doc> => ({
        ...row,
        to: ((await fx.site.get("Email Queue", String(row.name))).recipients as Doc[]).map((r) => r.recipient),
      })),
    );
  const run = () => notifyUnrepliedCommunications(fx.site, { log: fx.log, now: NOW, config });

  beforeEach(async () => {
    fx = new InboundFixture(() => NOW);
    await fx.account("Support", "support@example.com", {
      enable_incoming: 1,
      use_imap: 1,
      email_server: "imap.example.com",
      imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX", append_to: "ToDo" }],
      notify_if_unreplied: 1,
      unreplied_for_mins: 30,
      send_notification_to: "boss@example.com,\nops@example.com",
    });
    await fx.account("Outbox", "outbox@example.com", { enable_outgoing: 1, default_outgoing: 1, smtp_server: "smtp.example.com", smtp_port: "587" });
  });
  afterEach(() => fx.close());

  test("in the window with the document Open: the subject and content go to every address, referencing the document; the flag is set", async () => {
    const name = await received("Support", 45, "Open");
    const comm = await fx.site.get("Communication", name);

    const [report] = await run();

    expect(report).toEqual({ account: "Support", targets: ["ToDo"], considered: 1, notified: 1, errors: [] });
    const rows = await queued();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to: ["boss@example.com", "ops@example.com"], reference_doctype: "ToDo", reference_name: comm.reference_name, email_account: "Outbox" });
    expect(String(rows[0]?.message)).toMatch(/^Subject: Question 45$/m);
    expect(String(rows[0]?.message)).toContain("Body 45");
    expect(await flag(name)).toBe(1);
  });

  test("in the window with the document not exactly Open: no mail, flag set anyway", async () => {
    const closed = await received("Support", 60, "Closed");
    const [report] = await run();
    expect(report).toMatchObject({ considered: 1, notified: 0 });
    expect(await queued()).toEqual([]);
    expect(await flag(closed)).toBe(1);
  });

  test("outside the window (younger than N, older than 3·N): untouched", async () => {
    const young = await received("Support", 29, "Open");
    const old = await received("Support", 91, "Open");
    const [report] = await run();
    expect(report).toMatchObject({ considered: 0, notified: 0 });
    expect(await queued()).toEqual([]);
    expect([await flag(young), await flag(old)]).toEqual([0, 0]);
  });

  test("each Communication is notified once: a second run finds nothing", async () => {
    await received("Support", 45, "Open");
    await run();
    const [again] = await run();
    expect(again).toMatchObject({ considered: 0, notified: 0 });
    expect(await queued()).toHaveLength(1);
  });

  test("automated mail, another account's mail, Sent mail and mail referencing another DocType are left alone", async () => {
    await fx.account("Other", "other@example.com", { enable_incoming: 1, use_imap: 1, email_server: "imap.example.com", imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX", append_to: "ToDo" }] });
    const automated = await received("Support", 45, "Open", { communication_type: "Automated Message" });
    const other = await received("Other", 45, "Open");
    const sent = await received("Support", 45, "Open", { sent_or_received: "Sent" });
    const { doc: issue } = await fx.site.insert({ doctype: "Issue", subject: "An issue" });
    const elsewhere = await received("Support", 45, "Open", { reference_doctype: "Issue", reference_name: issue.name });
    const reports = await run();
    expect(reports).toEqual([{ account: "Support", targets: ["ToDo"], considered: 0, notified: 0, errors: [] }]);
    expect(await queued()).toEqual([]);
    expect([await flag(automated), await flag(other), await flag(sent), await flag(elsewhere)]).toEqual([0, 0, 0, 0]);
  });

  test("a POP3 account watches its own Append To; N comes from unreplied_for_mins", async () => {
    await fx.site.save(
      { doctype: "Email Account", name: "Support", use_imap: 0, append_to: "ToDo", imap_folder: [], unreplied_for_mins: 10 },
      { noConnect: true, ignoreMandatory: true },
    );
    const inWindow = await received("Support", 15, "Open");
    const tooOld = await received("Support", 45, "Open");
    const [report] = await run();
    expect(report).toMatchObject({ targets: ["ToDo"], considered: 1, notified: 1 });
    expect([await flag(inWindow), await flag(tooOld)]).toEqual([1, 0]);
  });

  test("without an outgoing account the notification fails: logged, not flagged, the next run tries again", async () => {
    await fx.site.delete("Email Account", "Outbox");
    const name = await received("Support", 45, "Open");
    const [report] = await run();
    expect(report?.errors).toEqual([`${name}: OutgoingEmailError: Please setup default Email Account from Settings > Email Account`]);
    expect(await flag(name)).toBe(0);
  });
});
