import { pullAccount } from "../../../src/mail/imap";
import { changeUidValidity, folderStatus, imapClient, listMailbox, resetMailbox, seedMaildir } from "../../rig";
import { plainMail, plainMails, PullSite, SITE_HOST } from "./pull-rig-fixture";

// Real servers, real mail: more than jest's default 5 s per test.
jest.setTimeout(60_000);

describe("pullAccount: folders, UIDVALIDITY, several accounts (rig)", () => {
  let ps: PullSite;
  beforeEach(async () => {
    await Promise.all([resetMailbox("bench"), resetMailbox("support"), resetMailbox("sales")]);
    ps = new PullSite();
  });
  afterEach(() => ps.close());

  const pull = async (account: string) => {
    const connections = ps.connections();
    try {
      return await pullAccount(ps.site, account, { connections, log: ps.log, siteHost: SITE_HOST });
    } finally {
      // Closed after each run: the rig changes UIDVALIDITY only while no session has the folder open.
      await connections.close();
    }
  };
  const uidsByMessageId = async (account: string, folder: string) =>
    Object.fromEntries((await ps.communications(account)).filter((c) => c.imap_folder === folder).map((c) => [c.message_id, c.uid]));

  test("a UIDVALIDITY change resets only that folder: its old UIDs are cleared, the mails are taken again without duplicates, the other folder keeps its UIDs", async () => {
    await seedMaildir("bench", "INBOX", plainMails("inbox", 5));
    await seedMaildir("bench", "Archive", plainMails("archive", 3));
    const account = await ps.addAccount("bench", { folders: [{ folder_name: "INBOX" }, { folder_name: "Archive" }] });
    await pull(account);
    const archiveBefore = await uidsByMessageId(account, "Archive");
    const modified = (await ps.site.get("Email Account", account)).modified;
    // One mail leaves INBOX before the server renumbers it: its stored UID must not stay valid.
    const client = await imapClient("bench");
    await client.mailboxOpen("INBOX");
    await client.messageDelete({ header: { "message-id": "inbox-1@outside.test" } });
    await client.logout();
    const { after } = await changeUidValidity("bench", "INBOX", { renumber: true });

    const report = await pull(account);

    expect(report.folders.map((f) => [f.folder, f.mode, f.fetched, f.created, f.duplicate])).toEqual([
      ["INBOX", "uidvalidity-reset", 4, 0, 4],
      ["Archive", "incremental", 0, 0, 0],
    ]);
    expect(await ps.site.count("Communication", { email_account: account })).toBe(8);
    const server = await listMailbox("bench", "INBOX");
    const serverUid = (id: string) => server.find((m) => m.raw.toString().includes(`<${id}>`))?.uid;
    const inbox = await uidsByMessageId(account, "INBOX");
    expect(inbox).toEqual({
      "inbox-1@outside.test": -1,
      "inbox-2@outside.test": serverUid("inbox-2@outside.test"),
      "inbox-3@outside.test": serverUid("inbox-3@outside.test"),
      "inbox-4@outside.test": serverUid("inbox-4@outside.test"),
      "inbox-5@outside.test": serverUid("inbox-5@outside.test"),
    });
    expect(await uidsByMessageId(account, "Archive")).toEqual(archiveBefore);
    const rows = await ps.folderRows(account);
    expect(rows.map((row) => row.uidvalidity)).toEqual([String(after), String((await folderStatus("bench", "Archive")).uidValidity)]);
    expect((await ps.site.get("Email Account", account)).modified).toBe(modified);
  });

  test("each folder's mail lands with its own Append To", async () => {
    await seedMaildir("bench", "INBOX", [plainMail("help-1", "Printer is broken")]);
    await seedMaildir("bench", "Sales", [plainMail("lead-1", "Interested in your product")]);
    const account = await ps.addAccount("bench", {
      folders: [
        { folder_name: "INBOX", append_to: "Issue" },
        { folder_name: "Sales", append_to: "Lead" },
      ],
    });

    const report = await pull(account);

    expect(report.folders.map((f) => [f.folder, f.appendTo, f.created])).toEqual([
      ["INBOX", "Issue", 1],
      ["Sales", "Lead", 1],
    ]);
    const byFolder = Object.fromEntries((await ps.communications(account)).map((c) => [c.imap_folder, c]));
    expect(byFolder.INBOX).toMatchObject({ message_id: "help-1@outside.test", reference_doctype: "Issue" });
    expect(byFolder.Sales).toMatchObject({ message_id: "lead-1@outside.test", reference_doctype: "Lead" });
    expect(await ps.site.get("Issue", String(byFolder.INBOX?.reference_name))).toMatchObject({ subject: "Printer is broken" });
    expect(await ps.site.exists("Lead", String(byFolder.Sales?.reference_name))).toBe(true);
  });

  test("the same mail sent to two accounts lands in both", async () => {
    const mail = plainMail("to-both", "For support and sales");
    await seedMaildir("support", "INBOX", [mail]);
    await seedMaildir("sales", "INBOX", [mail]);
    const support = await ps.addAccount("support");
    const sales = await ps.addAccount("sales");

    const reports = [await pull(support), await pull(sales)];

    expect(reports.map((r) => r.folders[0]?.created)).toEqual([1, 1]);
    expect((await ps.communications(support)).map((c) => c.message_id)).toEqual(["to-both@outside.test"]);
    expect((await ps.communications(sales)).map((c) => c.message_id)).toEqual(["to-both@outside.test"]);
  });
});
