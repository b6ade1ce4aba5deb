import { diffRecords, pullRecords, SYNC_DOCTYPES, type DiffReport, type SyncSelection } from "../../src/sync-records";
import { arrangeRemote, mail } from "./support/remote-records";
import { startSyncHarness, type SyncHarness } from "./support/sync-harness";

let h: SyncHarness;
beforeEach(async () => {
  h = await startSyncHarness();
  await arrangeRemote(h.served);
});
afterEach(() => h.stop());

const ALL: SyncSelection = { doctypes: [...SYNC_DOCTYPES] };

function diff(selection: SyncSelection = ALL): Promise<DiffReport> {
  return diffRecords(h.local, h.remote, { selection, ledger: h.ledger() });
}

test("right after a pull with passwords nothing differs", async () => {
  await pullRecords(h.remote, h.local, { selection: ALL, ledger: h.ledger(), withPasswords: true });
  const report = await diff();
  expect(report.records).toEqual([]);
  expect(report.same).toBe(7);
});

test("diff shows exactly the changed fields, with both values, and the records one side lacks", async () => {
  await pullRecords(h.remote, h.local, { selection: ALL, ledger: h.ledger(), withPasswords: true });
  await h.local.save({ doctype: "Email Account", name: "Support", signature: "<p>local</p>", notify_if_unreplied: 1, send_notification_to: "boss@acme.test" });
  await h.served.save({ doctype: "Email Account", name: "Sales", email_sync_option: "ALL" }, { noConnect: true });
  const { doc: extra } = await h.local.insert(mail(8));
  const { doc: remoteOnly } = await h.served.insert(mail(9), { noConnect: true });
  const report = await diff();
  expect(report.records).toEqual([
    {
      doctype: "Email Account",
      name: "Support",
      remoteName: "Support",
      state: "differs",
      fields: [
        { field: "notify_if_unreplied", local: 1, remote: 0 },
        { field: "send_notification_to", local: "boss@acme.test", remote: null },
        { field: "signature", local: "<p>local</p>", remote: "<p>The support team</p>" },
      ],
    },
    { doctype: "Email Account", name: "Sales", remoteName: "Sales", state: "differs", fields: [{ field: "email_sync_option", local: "UNSEEN", remote: "ALL" }] },
    { doctype: "Communication", name: extra.name, state: "only-local", fields: [] },
    { doctype: "Communication", remoteName: remoteOnly.name, state: "only-remote", fields: [] },
  ]);
});

test("a password shows only as set or not set; bookkeeping fields and child row names are not compared", async () => {
  await pullRecords(h.remote, h.local, { selection: ALL, ledger: h.ledger() });
  // Same folders, new row names and new stamps: not a difference.
  const support = await h.local.get("Email Account", "Support");
  const rows = (support.imap_folder as Array<Record<string, unknown>>).map(({ folder_name, append_to }) => ({ folder_name, append_to }));
  await h.local.save({ doctype: "Email Account", name: "Support", imap_folder: rows });
  const report = await diff({ doctypes: ["Email Account"] });
  expect(report.records).toEqual([
    { doctype: "Email Account", name: "Support", remoteName: "Support", state: "differs", fields: [{ field: "password", local: "(not set)", remote: "(set)" }] },
  ]);
  expect(JSON.stringify(report)).not.toMatch(/imap-Pass/);
});
