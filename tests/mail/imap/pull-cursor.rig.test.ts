import fs from "node:fs";
import path from "node:path";
import { pullAccount } from "../../../src/mail/imap";
import type { IngestFunction } from "../../../src/mail/imap";
import { ingestMessage } from "../../../src/mail/inbound";
import { appendMessage, folderStatus, imapClient, listMailbox, resetMailbox, seedMaildir } from "../../rig";
import { plainMail, plainMails, PullSite, SITE_HOST } from "./pull-rig-fixture";

// Real servers, real mail: more than jest's default 5 s per test.
jest.setTimeout(60_000);

const NOT_A_MAIL = fs.readFileSync(path.join(__dirname, "../../data/mail/pull-unhandled-not-a-mail.eml"));

describe("pullAccount: cursors, sync options, failed mails (rig)", () => {
  let ps: PullSite;
  /** UIDs keep growing across tests (as on a real server): the first UID the next mail gets. */
  let base: number;
  beforeEach(async () => {
    await resetMailbox("bench");
    base = (await folderStatus("bench", "INBOX")).uidNext;
    ps = new PullSite();
  });
  afterEach(() => ps.close());

  const pull = async (account: string, extra: { ingest?: IngestFunction } = {}) => {
    const connections = ps.connections();
    try {
      return await pullAccount(ps.site, account, { connections, log: ps.log, siteHost: SITE_HOST, ...extra });
    } finally {
      await connections.close();
    }
  };

  test("a first sync takes the newest initial_sync_count mails; the cursor ends at the server's UIDNEXT", async () => {
    await seedMaildir("bench", "INBOX", plainMails("first", 130));
    const account = await ps.addAccount("bench", { initialSyncCount: 100 });

    const report = await pull(account);

    expect(report.folders[0]).toMatchObject({ mode: "first-sync", fetched: 100, created: 100, errors: [] });
    const ids = (await ps.communications(account)).map((c) => c.message_id);
    expect(ids).toHaveLength(100);
    expect(ids).toContain("first-130@outside.test");
    expect(ids).toContain("first-31@outside.test");
    expect(ids).not.toContain("first-30@outside.test");
    const [row] = await ps.folderRows(account);
    const status = await folderStatus("bench", "INBOX");
    expect(row).toMatchObject({ uidvalidity: String(status.uidValidity), uidnext: String(status.uidNext) });
  });

  test("a second run fetches only the mail that arrived since, and the account's modified stays", async () => {
    await seedMaildir("bench", "INBOX", plainMails("old", 20));
    const account = await ps.addAccount("bench");
    await pull(account);
    const modified = (await ps.site.get("Email Account", account)).modified;
    await appendMessage("bench", "INBOX", plainMail("new-1"));
    await appendMessage("bench", "INBOX", plainMail("new-2"));

    const handedOver: number[] = [];
    const report = await pull(account, { ingest: (site, message, options) => (handedOver.push(message.uid), ingestMessage(site, message, options)) });

    expect(report.folders[0]).toMatchObject({ mode: "incremental", fetched: 2, created: 2, duplicate: 0 });
    expect(handedOver).toEqual([base + 20, base + 21]);
    expect(await ps.site.count("Communication", { email_account: account })).toBe(22);
    expect((await ps.site.get("Email Account", account)).modified).toBe(modified);

    const third = await pull(account);
    expect(third.folders[0]).toMatchObject({ fetched: 0, created: 0 });
  });

  test("ALL takes read and unread mail and never touches the server's flags", async () => {
    await seedMaildir("bench", "INBOX", plainMails("read", 2), { flags: ["\\Seen"] });
    await seedMaildir("bench", "INBOX", plainMails("unread", 2));
    const account = await ps.addAccount("bench", { syncOption: "ALL" });
    const before = (await listMailbox("bench", "INBOX")).map((m) => m.flags);

    const report = await pull(account);

    expect(report.folders[0]).toMatchObject({ created: 4, markedSeen: 0 });
    expect((await listMailbox("bench", "INBOX")).map((m) => m.flags)).toEqual(before);
  });

  test("UNSEEN takes only unread mail and marks each \\Seen only after it is stored", async () => {
    await seedMaildir("bench", "INBOX", plainMails("read", 2), { flags: ["\\Seen"] });
    await seedMaildir("bench", "INBOX", plainMails("unread", 3));
    const account = await ps.addAccount("bench", { syncOption: "UNSEEN" });
    const watcher = await imapClient("bench");
    const seenAtHandOver: boolean[] = [];
    try {
      const report = await pull(account, {
        ingest: async (site, message, options) => {
          await watcher.mailboxOpen("INBOX", { readOnly: true });
          const flags = (await watcher.fetchOne(String(message.uid), { flags: true }, { uid: true })) || undefined;
          seenAtHandOver.push(flags?.flags?.has("\\Seen") ?? true);
          return ingestMessage(site, message, options);
        },
      });
      expect(report.folders[0]).toMatchObject({ fetched: 3, created: 3, markedSeen: 3 });
    } finally {
      await watcher.logout();
    }
    expect(seenAtHandOver).toEqual([false, false, false]);
    expect((await ps.communications(account)).map((c) => c.message_id).sort()).toEqual(["unread-1@outside.test", "unread-2@outside.test", "unread-3@outside.test"]);
    expect((await listMailbox("bench", "INBOX")).map((m) => m.flags)).toEqual([["\\Seen"], ["\\Seen"], ["\\Seen"], ["\\Seen"], ["\\Seen"]]);
  });

  test("a mail that cannot be stored is not marked \\Seen, holds the cursor, and is taken on the next run while the mails after it are stored (H6)", async () => {
    await seedMaildir("bench", "INBOX", plainMails("m", 4));
    const account = await ps.addAccount("bench", { syncOption: "UNSEEN" });
    const failing: IngestFunction = async (site, message, options) => {
      if (message.uid === base + 1) throw new Error("the site refused the write");
      return ingestMessage(site, message, options);
    };

    const first = await pull(account, { ingest: failing });

    expect(first.folders[0]).toMatchObject({ fetched: 4, created: 3, markedSeen: 3, uidnext: base + 1, errors: [`UID ${base + 1}: the site refused the write`] });
    expect((await listMailbox("bench", "INBOX")).map((m) => m.flags)).toEqual([["\\Seen"], [], ["\\Seen"], ["\\Seen"]]);

    const second = await pull(account);
    expect(second.folders[0]).toMatchObject({ fetched: 1, created: 1, errors: [], uidnext: base + 4 });
    const ids = (await ps.communications(account)).map((c) => c.message_id).sort();
    expect(ids).toEqual(["m-1@outside.test", "m-2@outside.test", "m-3@outside.test", "m-4@outside.test"]);
  });

  test("a mail that is not a mail becomes an Unhandled Email, the cursor moves past it, the mails around it are stored", async () => {
    await seedMaildir("bench", "INBOX", [plainMail("before"), NOT_A_MAIL, plainMail("after")]);
    const account = await ps.addAccount("bench");

    const report = await pull(account);

    expect(report.folders[0]).toMatchObject({ fetched: 3, created: 2, unhandled: 1, uidnext: base + 3, errors: [] });
    expect((await ps.communications(account)).map((c) => c.message_id)).toEqual(["before@outside.test", "after@outside.test"]);
    const unhandled = await ps.site.getList("Unhandled Email", { fields: ["email_account", "uid", "raw"], limit: 0 });
    expect(unhandled).toEqual([expect.objectContaining({ email_account: account, uid: String(base + 1) })]);
    expect(String(unhandled[0]?.raw)).toContain("X-Garbage: 1");
    expect((await pull(account)).folders[0]).toMatchObject({ fetched: 0 });
  });
});
