import { setTimeout as sleep } from "node:timers/promises";
import { CONTROLLERS } from "../../../controllers";
import type { DocumentContext } from "../../../src/core/context";
import type { Doc } from "../../../src/core/doc";
import { silentLogger } from "../../../src/core/logger";
import { notConfiguredMail } from "../../../src/core/mail-context";
import type { SiteMessage } from "../../../src/core/site";
import { seed } from "../../../src/fixtures";
import { findStoredRecord, keepOldestCopy } from "../../../src/site/remote";
import { type RemoteHarness, startHarness } from "./support/remote-harness";

/** Code written against `Site` (fixtures, controllers, the engine's helpers) runs over a RemoteSite unchanged. */
let h: RemoteHarness;
beforeEach(async () => (h = await startHarness()));
afterEach(() => h.stop());

function contextOn(site: DocumentContext["site"], messages: SiteMessage[] = []): DocumentContext {
  return {
    site,
    meta: site.meta,
    mail: notConfiguredMail,
    log: silentLogger,
    flags: { noConnect: true },
    user: "Administrator",
    now: () => new Date(),
    msgprint: (message, options) => void messages.push({ message, ...options }),
  };
}

test("seed lays the recommended records down on a remote site; a second run changes nothing", async () => {
  const first = await seed(h.remote, { domain: "acme.test" });
  expect(first.site).toBe(h.url);
  expect(first.created).toBeGreaterThan(1);
  expect(first.records.every((r) => r.status === "created")).toBe(true);
  expect(await h.local.exists("Email Domain", "acme.test")).toBe(true);
  const inserts = h.calls.insert;
  const second = await seed(h.remote, { domain: "acme.test" });
  expect(second.created).toBe(0);
  expect(second.summary).toBe("nothing to do");
  expect(second.records.map((r) => r.status)).toEqual(first.records.map((r) => (r.doctype === "Email Domain" ? "reused" : "unchanged")));
  expect(h.calls.insert).toBe(inserts);
});

test("the Email Account controller reads the remote site through ctx.site: the domain is filled from the address", async () => {
  await h.local.insert({ doctype: "Email Domain", domain_name: "acme.test", email_server: "imap.acme.test", smtp_server: "smtp.acme.test", use_imap: 1 });
  const EmailAccount = CONTROLLERS.get("Email Account");
  if (!EmailAccount) throw new Error("no Email Account controller");
  const doc: Doc = { doctype: "Email Account", email_account_name: "Sales", email_id: "sales@acme.test" };
  const controller = new EmailAccount(doc, contextOn(h.remote));
  await controller.before_validate?.();
  expect(controller.doc).toMatchObject({ domain: "acme.test", email_server: "imap.acme.test", smtp_server: "smtp.acme.test" });
});

test("the Email Account controller's on_trash clears the account on its Communications over REST", async () => {
  await h.local.insert({ doctype: "Email Account", email_account_name: "Sales", email_id: "sales@acme.test", enable_incoming: 0, enable_outgoing: 0 });
  const { doc: mail } = await h.local.insert({
    doctype: "Communication",
    communication_medium: "Email",
    sent_or_received: "Received",
    subject: "hi",
    sender: "a@example.org",
    email_account: "Sales",
    message_id: "<c1@example.org>",
  });
  const EmailAccount = CONTROLLERS.get("Email Account");
  if (!EmailAccount) throw new Error("no Email Account controller");
  const controller = new EmailAccount(await h.remote.get("Email Account", "Sales"), contextOn(h.remote));
  await controller.on_trash?.();
  expect((await h.local.get("Communication", String(mail.name))).email_account ?? "").toBe("");
});

test("findStoredRecord finds a Communication by message_id and account; keepOldestCopy removes a later copy", async () => {
  const base = { doctype: "Communication", communication_medium: "Email", sent_or_received: "Received", subject: "dup", sender: "a@example.org", message_id: "<dup@example.org>" };
  expect(await findStoredRecord(h.remote, base)).toBeUndefined();
  const { doc: first } = await h.local.insert({ ...base });
  await sleep(5); // distinct creation stamps
  const { doc: second } = await h.local.insert({ ...base });
  expect((await findStoredRecord(h.remote, base))?.name).toBe(first.name);
  const kept = await keepOldestCopy(h.remote, base, second);
  expect(kept.name).toBe(first.name);
  expect(await h.local.count("Communication", { message_id: "<dup@example.org>" })).toBe(1);
  expect((await keepOldestCopy(h.remote, base, kept)).name).toBe(first.name);
});
