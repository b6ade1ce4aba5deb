import { setTimeout as sleep } from "node:timers/promises";
import type { Doc } from "../../src/core/doc";
import { pullRecords, pushRecords, SYNC_DOCTYPES, type SyncReport, type SyncSelection } from "../../src/sync-records";
import { arrangeRemote, DOMAIN, mail, SALES, SUPPORT_PASSWORD } from "./support/remote-records";
import { startSyncHarness, type SyncHarness } from "./support/sync-harness";

let h: SyncHarness;
beforeEach(async () => (h = await startSyncHarness()));
afterEach(() => h.stop());

const ALL: SyncSelection = { doctypes: [...SYNC_DOCTYPES] };

function push(options: Partial<Parameters<typeof pushRecords>[2]> = {}): Promise<SyncReport> {
  return pushRecords(h.local, h.remote, { selection: ALL, ledger: h.ledger(), ...options });
}

function pull(options: Partial<Parameters<typeof pullRecords>[2]> = {}): Promise<SyncReport> {
  return pullRecords(h.remote, h.local, { selection: ALL, ledger: h.ledger(), ...options });
}

function outcome(report: SyncReport, name: string) {
  return report.records.find((r) => r.name === name);
}

/** The local site's own records: a domain, an account, two mails. */
async function arrangeLocal(): Promise<void> {
  await h.local.insert(DOMAIN);
  await h.local.insert(SALES);
  for (const index of [1, 2]) await h.local.insert(mail(index, "Sales"));
}

test("push inserts what the site lacks; the site names the mail anew and a second push sends nothing", async () => {
  await arrangeLocal();
  const report = await push();
  expect(report.counts).toMatchObject({ created: 4, failed: 0, conflict: 0 });
  expect((await h.served.get("Email Account", "Sales")).email_id).toBe("sales@acme.test");
  const [local] = await h.local.getList("Communication", { fields: ["name"], filters: { message_id: "<q1@example.org>" } });
  const [remote] = await h.served.getList("Communication", { fields: ["name", "subject"], filters: { message_id: "<q1@example.org>" } });
  expect(remote?.subject).toBe("Question 1");
  expect(outcome(report, String(local?.name))).toMatchObject({ status: "created", remoteName: remote?.name });
  const writes = h.writes().length;
  const requests = h.requests.length;
  const second = await push();
  expect(second.counts).toMatchObject({ unchanged: 4, created: 0, updated: 0 });
  expect(h.writes()).toHaveLength(writes);
  expect(h.requests).toHaveLength(requests);
});

test("push updates a record changed here, sending the remote modified it read, and names the changed fields", async () => {
  await arrangeRemote(h.served);
  await pull();
  await h.local.save({ doctype: "Email Account", name: "Sales", signature: "<p>Sales, Acme</p>" });
  const report = await push();
  expect(outcome(report, "Sales")).toMatchObject({ status: "updated", fields: ["signature"] });
  expect((await h.served.get("Email Account", "Sales")).signature).toBe("<p>Sales, Acme</p>");
  expect(report.counts).toMatchObject({ updated: 1, failed: 0, conflict: 0 });
});

test("a change on the site since the last sync is reported as a conflict and not overwritten; force overwrites it", async () => {
  await arrangeRemote(h.served);
  await pull();
  await h.local.save({ doctype: "Email Account", name: "Sales", signature: "local words" });
  await h.served.save({ doctype: "Email Account", name: "Sales", signature: "site words" }, { noConnect: true });
  const writes = h.writes().length;
  const report = await push();
  expect(outcome(report, "Sales")).toMatchObject({ status: "conflict", error: { exc_type: "TimestampMismatchError" } });
  expect(h.writes()).toHaveLength(writes);
  expect((await h.served.get("Email Account", "Sales")).signature).toBe("site words");
  const forced = await push({ force: true });
  expect(outcome(forced, "Sales")).toMatchObject({ status: "updated" });
  expect((await h.served.get("Email Account", "Sales")).signature).toBe("local words");
});

test("a change on the site between push's read and its save is refused by the site: the carried modified is stale", async () => {
  await arrangeRemote(h.served);
  await pull();
  await h.local.save({ doctype: "Email Account", name: "Sales", signature: "local words" });
  // The save is held on arrival; meanwhile someone saves the record on the site.
  h.server.injectFault({ method: "PUT", path: "/api/resource/Email Account/Sales", action: { kind: "delay", ms: 400 } });
  const pushing = push({ selection: { doctypes: ["Email Account"] } });
  while (h.server.pendingFaults() > 0) await sleep(5);
  await h.served.save({ doctype: "Email Account", name: "Sales", signature: "site words" }, { noConnect: true });
  const report = await pushing;
  expect(outcome(report, "Sales")).toMatchObject({ status: "conflict", error: { exc_type: "TimestampMismatchError" } });
  expect((await h.served.get("Email Account", "Sales")).signature).toBe("site words");
});

test("a record the local controllers refuse is reported with their message before any request is sent", async () => {
  await h.local.insert({ doctype: "Email Account", email_account_name: "Sales", email_id: "sales@acme.test", awaiting_password: 1 });
  // Planted past the lifecycle: the controllers would refuse it on save.
  await h.local.setValue("Email Account", "Sales", { email_id: "sales at acme" });
  const report = await push();
  expect(report.records).toEqual([
    { doctype: "Email Account", name: "Sales", status: "refused", error: { exc_type: "InvalidEmailAddressError", message: "sales at acme is not a valid Email Address" } },
  ]);
  expect(h.requests).toEqual([]);
  expect(await h.served.exists("Email Account", "Sales")).toBe(false);
});

test("a dry run decides and reports, but sends no write", async () => {
  await arrangeLocal();
  const report = await push({ dryRun: true });
  expect(report.counts.created).toBe(4);
  expect(h.writes()).toEqual([]);
  expect(await h.served.count("Email Account")).toBe(0);
});

test("a password set here is pushed (and not sent again when the site has the same one); the report never holds it", async () => {
  await h.local.insert(DOMAIN);
  await h.local.insert({ ...SALES, awaiting_password: 0, password: SUPPORT_PASSWORD });
  const report = await push();
  expect(outcome(report, "Sales")?.status).toBe("created");
  expect(await h.served.getPassword("Email Account", "Sales", "password")).toBe(SUPPORT_PASSWORD);
  expect(JSON.stringify(report)).not.toContain(SUPPORT_PASSWORD);
  await h.local.save({ doctype: "Email Account", name: "Sales", password: "a-new-Secret-99" });
  const changed = await push();
  expect(outcome(changed, "Sales")).toMatchObject({ status: "updated", fields: ["password"] });
  expect(await h.served.getPassword("Email Account", "Sales", "password")).toBe("a-new-Secret-99");
  expect(JSON.stringify(changed)).not.toContain("a-new-Secret-99");
});

test("an account pulled without its password is pushed back without touching the site's password", async () => {
  await arrangeRemote(h.served);
  await pull();
  await h.local.save({ doctype: "Email Account", name: "Support", signature: "<p>Changed here</p>" });
  const report = await push();
  expect(outcome(report, "Support")).toMatchObject({ status: "updated", fields: ["signature"] });
  const stored = await h.served.get("Email Account", "Support");
  expect(stored.awaiting_password).toBe(0);
  expect(await h.served.getPassword("Email Account", "Support", "password")).toBe(SUPPORT_PASSWORD);
});

test("a 502 on inserts and a connection dropped after a save landed lose and double nothing", async () => {
  await arrangeRemote(h.served);
  await pull();
  await h.local.save({ doctype: "Email Account", name: "Support", signature: "<p>After the drop</p>" });
  for (const index of [4, 5, 6]) await h.local.insert(mail(index));
  h.server.injectFault({ method: "POST", path: "/api/resource/Communication", action: { kind: "status", status: 502 }, times: 2 });
  h.server.injectFault({ method: "POST", path: "/api/resource/Communication", action: { kind: "drop-after-write" } });
  h.server.injectFault({ method: "PUT", path: "/api/resource/Email Account/Support", action: { kind: "drop-after-write" } });
  const report = await push();
  expect(h.server.pendingFaults()).toBe(0);
  expect(report.counts).toMatchObject({ created: 3, updated: 1, failed: 0, conflict: 0 });
  for (const index of [4, 5, 6]) expect(await h.served.count("Communication", { message_id: `<q${index}@example.org>` })).toBe(1);
  expect((await h.served.get("Email Account", "Support")).signature).toBe("<p>After the drop</p>");
  const again = await push();
  expect(again.counts).toMatchObject({ created: 0, updated: 0, failed: 0, conflict: 0 });
});

test("the mail engine's cursors stay the site's own: push sends neither the account's nor its folders'", async () => {
  await arrangeRemote(h.served);
  await pull();
  const support = await h.local.get("Email Account", "Support");
  const folders = (support.imap_folder as Doc[]).map((row) => ({ ...row, uidnext: "900", uidvalidity: "42" }));
  await h.local.save({ doctype: "Email Account", name: "Support", uidnext: 900, imap_folder: folders, signature: "<p>new</p>" });
  const report = await push();
  expect(outcome(report, "Support")).toMatchObject({ status: "updated", fields: ["signature"] });
  const stored = await h.served.get("Email Account", "Support");
  expect(stored.uidnext ?? 0).toBe(0);
  expect((stored.imap_folder as Doc[]).map((row) => [row.folder_name, row.uidnext ?? null])).toEqual([
    ["INBOX", null],
    ["Escalations", null],
  ]);
});

test("a reply pushed with the mail it answers links to the name the site gave that mail; pulling it back links to the local one", async () => {
  await h.local.insert(DOMAIN);
  await h.local.insert(SALES);
  const { doc: first } = await h.local.insert(mail(1, "Sales"));
  const { doc: reply } = await h.local.insert(mail(2, "Sales", { in_reply_to: first.name, reference_doctype: "Communication", reference_name: first.name }));
  const report = await push({ concurrency: 8 });
  expect(report.counts).toMatchObject({ created: 4, failed: 0 });
  const remoteFirst = outcome(report, String(first.name))?.remoteName;
  const remoteReply = outcome(report, String(reply.name))?.remoteName;
  expect(remoteFirst).toBeDefined();
  expect(remoteFirst).not.toBe(first.name);
  expect(await h.served.get("Communication", String(remoteReply))).toMatchObject({ in_reply_to: remoteFirst, reference_name: remoteFirst });
  // A second reply written on the site, pulled here, answers the local copy.
  const { doc: siteReply } = await h.served.insert(mail(3, "Sales", { in_reply_to: remoteFirst }), { noConnect: true });
  await pull({ selection: { doctypes: ["Communication"] } });
  expect((await h.local.get("Communication", String(siteReply.name))).in_reply_to).toBe(first.name);
});

test("a record deleted on the site since the last sync and changed here is a conflict, not silently inserted again; force inserts it", async () => {
  await arrangeRemote(h.served);
  await pull();
  await h.served.delete("Email Account", "Sales");
  await h.local.save({ doctype: "Email Account", name: "Sales", signature: "still wanted" });
  const report = await push({ selection: { doctypes: ["Email Account"] } });
  expect(outcome(report, "Sales")).toMatchObject({ status: "conflict", error: { exc_type: "TimestampMismatchError" } });
  expect(outcome(report, "Sales")?.error?.message).toContain("was deleted on");
  expect(await h.served.exists("Email Account", "Sales")).toBe(false);
  const forced = await push({ selection: { doctypes: ["Email Account"] }, force: true });
  expect(outcome(forced, "Sales")?.status).toBe("created");
  expect((await h.served.get("Email Account", "Sales")).signature).toBe("still wanted");
});
