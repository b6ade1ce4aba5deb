import { seed } from "../../src/fixtures";
import { startSyncHarness, type SyncHarness } from "./support/sync-harness";

let h: SyncHarness;
beforeEach(async () => (h = await startSyncHarness()));
afterEach(() => h.stop());

test("seeding a Frappe site over REST: created, then reused / unchanged / differs, and the second run writes nothing", async () => {
  const first = await h.remote.transaction(() => seed(h.remote, { domain: "acme.test" }));
  expect(first.records.map((r) => r.status)).toEqual(["created", "created", "created", "created", "created"]);
  await h.served.save({ doctype: "Email Account", name: "Sales", enable_outgoing: 0 }, { noConnect: true });
  const writes = h.writes().length;
  const second = await h.remote.transaction(() => seed(h.remote, { domain: "acme.test" }));
  expect(second.records.map((r) => `${r.name}:${r.status}`)).toEqual(["acme.test:reused", "Info:unchanged", "Support:unchanged", "Lead:unchanged", "Sales:differs"]);
  expect(second.records[4]?.differences).toEqual([{ field: "enable_outgoing", expected: 1, actual: 0 }]);
  expect(second.created).toBe(0);
  expect(h.writes()).toHaveLength(writes);
});

test("an Email Domain the site has already is reused as it is; the new accounts take its servers", async () => {
  await h.served.insert({ doctype: "Email Domain", domain_name: "acme.test", email_server: "mail.acme.test", use_imap: 1, use_ssl: 0, incoming_port: "143", smtp_server: "mail.acme.test", smtp_port: "25" }, { noConnect: true });
  const report = await h.remote.transaction(() => seed(h.remote, { domain: "acme.test" }));
  expect(report.records[0]).toMatchObject({ name: "acme.test", status: "reused" });
  expect(report.records[0]?.differences.map((d) => d.field)).toEqual(expect.arrayContaining(["email_server", "smtp_server"]));
  expect(await h.served.get("Email Domain", "acme.test")).toMatchObject({ email_server: "mail.acme.test", incoming_port: "143" });
  const support = await h.served.get("Email Account", "Support");
  expect(support).toMatchObject({ domain: "acme.test", email_server: "mail.acme.test", smtp_server: "mail.acme.test", use_ssl: 0 });
});
