import type { Doc } from "../../../src/core/doc";
import { ValidationError } from "../../../src/errors";
import { type RemoteHarness, startHarness } from "./support/remote-harness";

/** RemoteSite.insertMany's batched path over real HTTP: frappe.client.insert_many, lost answers, refused batches. */
let h: RemoteHarness;
beforeEach(async () => (h = await startHarness()));
afterEach(() => h.stop());

const INSERT_MANY = "/api/method/frappe.client.insert_many";
const mail = (n: number): Doc => ({
  doctype: "Communication",
  communication_type: "Communication",
  communication_medium: "Email",
  sent_or_received: "Received",
  subject: `Order ${n}`,
  content: "<p>Where is my order?</p>",
  sender: "customer@example.org",
  message_id: `<order-${n}@example.org>`,
});
const mails = (count: number) => Array.from({ length: count }, (_, n) => mail(n));

describe("insertMany in batches", () => {
  test("sends one insert_many request per batch, every doc lands once, outcomes in input order", async () => {
    const docs = mails(25);
    const outcomes = await h.remote.insertMany(docs, { batchSize: 10, concurrency: 2 });
    // One server-side transaction per insert_many request: 25 docs in batches of 10 are 3 requests.
    expect(h.calls.transaction).toBe(3);
    expect(h.calls.insert).toBe(25);
    expect(await h.local.count("Communication")).toBe(25);
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.status).toBe("inserted");
      const stored = await h.local.get("Communication", String(outcome.status === "inserted" && outcome.result.doc.name));
      expect(stored.message_id).toBe(docs[i]?.message_id);
    }
  });

  test("a batch size above Frappe's 200 is capped at 200", async () => {
    const outcomes = await h.remote.insertMany(mails(201), { batchSize: 500 });
    expect(outcomes.every((o) => o.status === "inserted")).toBe(true);
    expect(h.calls.transaction).toBe(2);
  });

  test("batchSize 1 inserts record by record (no insert_many request)", async () => {
    await h.remote.insertMany(mails(3), { batchSize: 1 });
    expect(h.calls.transaction).toBeUndefined();
    expect(await h.local.count("Communication")).toBe(3);
  });

  test("an answer lost after the batch was written: looked up by natural key, nothing inserted twice", async () => {
    h.server.injectFault({ method: "POST", path: INSERT_MANY, action: { kind: "drop-after-write" } });
    const docs = mails(12);
    const outcomes = await h.remote.insertMany(docs, { batchSize: 5, concurrency: 1 });
    expect(h.server.pendingFaults()).toBe(0);
    expect(outcomes.map((o) => o.status)).toEqual(docs.map(() => "inserted"));
    for (const doc of docs) expect(await h.local.count("Communication", { message_id: String(doc.message_id) })).toBe(1);
    // The lost batch was found, not sent again: 3 batches, 3 transactions.
    expect(h.calls.transaction).toBe(3);
    const first = outcomes[0];
    expect(first?.status === "inserted" && first.result.doc.message_id).toBe(docs[0]?.message_id);
  });

  test("after a lost answer only the docs not stored yet are sent again", async () => {
    const docs = mails(6);
    await h.local.insert(docs[1] as Doc);
    await h.local.insert(docs[4] as Doc);
    // The batch is refused before it runs (502), yet looks as if it may have landed: the lookup finds two of six.
    h.server.injectFault({ method: "POST", path: INSERT_MANY, action: { kind: "status", status: 502 } });
    const outcomes = await h.remote.insertMany(docs, { batchSize: 6 });
    expect(outcomes.every((o) => o.status === "inserted")).toBe(true);
    for (const doc of docs) expect(await h.local.count("Communication", { message_id: String(doc.message_id) })).toBe(1);
    expect(h.calls.insert).toBe(4);
  });

  test("a bad doc refuses its batch: the batch is sent doc by doc, the others land, the bad one fails with Frappe's message", async () => {
    const bad: Doc = { ...mail(99), sent_or_received: "Sideways" };
    const expected = await h.local.insert(bad).then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(expected).toContain("Sideways");
    const docs = [...mails(4), bad, mail(5)];
    const outcomes = await h.remote.insertMany(docs, { batchSize: 3, concurrency: 2 });
    expect(outcomes.map((o) => o.status)).toEqual(["inserted", "inserted", "inserted", "inserted", "failed", "inserted"]);
    const failed = outcomes[4];
    expect(failed?.status === "failed" && failed.error).toBeInstanceOf(ValidationError);
    expect(failed?.status === "failed" && failed.error.message).toBe(expected);
    expect(await h.local.count("Communication")).toBe(5);
  });
});
