import type { Doc } from "../../../src/core/doc";
import { MandatoryError, NetworkError, ServerError, TimeoutError, TooManyRequestsError } from "../../../src/errors";
import { type RemoteHarness, startHarness } from "./support/remote-harness";

/**
 * Failures injected at the Frappe-compatible server (delays, 5xx, 429, connections dropped before
 * or after the write), and what RemoteSite makes of them: retried when safe, never doubled.
 */
let h: RemoteHarness;
beforeEach(async () => (h = await startHarness()));
afterEach(() => h.stop());

const COMMUNICATIONS = "/api/resource/Communication";
const mail = (messageId: string): Doc => ({
  doctype: "Communication",
  communication_type: "Communication",
  communication_medium: "Email",
  sent_or_received: "Received",
  subject: "Order 42",
  content: "<p>Where is my order?</p>",
  sender: "customer@example.org",
  message_id: messageId,
});
const retries = () => h.logs.filter((line) => line.includes("retrying")).length;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

async function storedCopies(messageId: string): Promise<number> {
  return h.local.count("Communication", { message_id: messageId });
}

describe("transient answers are retried", () => {
  test("502 then success: one record", async () => {
    h.server.injectFault({ method: "POST", path: COMMUNICATIONS, action: { kind: "status", status: 502 } });
    const { doc } = await h.remote.insert(mail("<m502@example.org>"));
    expect(doc.message_id).toBe("<m502@example.org>");
    expect(await storedCopies("<m502@example.org>")).toBe(1);
    expect(h.server.pendingFaults()).toBe(0);
    expect(retries()).toBe(1);
  });

  test("503 on a read, then success", async () => {
    await h.local.insert({ doctype: "ToDo", description: "x" });
    h.server.injectFault({ method: "GET", action: { kind: "status", status: 503 }, times: 2 });
    expect(await h.remote.count("ToDo")).toBe(1);
    expect(retries()).toBe(2);
  });

  test("429 with Retry-After: the next attempt waits that long", async () => {
    h.server.injectFault({ method: "GET", action: { kind: "status", status: 429, retryAfterSeconds: 1 } });
    const started = Date.now();
    expect(await h.remote.count("ToDo")).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(h.logs.find((line) => line.includes("retrying"))).toContain('"delayMs":1000');
  });

  test("429 asking for longer than the policy allows fails at once, as TooManyRequestsError", async () => {
    const remote = h.open({ retry: { maxRetryAfterMs: 5_000, baseDelayMs: 10, maxDelayMs: 50 } });
    h.server.injectFault({ method: "GET", action: { kind: "status", status: 429, retryAfterSeconds: 120 } });
    const started = Date.now();
    const error = await rejection(remote.count("ToDo"));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error.message).toBe("You hit the rate limit because of too many requests. Please try after sometime. (the site asked to wait longer than 5000 ms)");
  });

  test("a 503 that does not pass gives up after 4 attempts, naming the request", async () => {
    h.server.injectFault({ method: "GET", action: { kind: "status", status: 503 }, times: 10 });
    const error = await rejection(h.remote.get("ToDo", "abc"));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).httpStatus).toBe(503);
    expect(error.message).toBe(`GET ${h.url}/api/resource/ToDo/abc answered HTTP 503 Service Unavailable (gave up after 4 attempts)`);
    expect(h.server.pendingFaults()).toBe(1);
  });

  test("a refused connection is a NetworkError with the URL and the cause, after 4 attempts", async () => {
    const port = Number(new URL(h.url).port);
    await h.stop();
    h = await startHarness();
    const gone = h.open({ url: `http://127.0.0.1:${port}` });
    const error = await rejection(gone.count("ToDo"));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/api/method/frappe\\.client\\.get_count failed: .*ECONNREFUSED.* \\(gave up after 4 attempts\\)$`));
    expect((error.cause as { code?: string }).code).toBe("ECONNREFUSED");
  });
});

describe("failures that are never retried", () => {
  test("417 is sent once: the site ran the insert exactly once", async () => {
    const error = await rejection(h.remote.insert({ doctype: "Email Account", email_account_name: "NoAddress" }));
    expect(error).toBeInstanceOf(MandatoryError);
    expect(h.calls.insert).toBe(1);
    expect(retries()).toBe(0);
  });

  test("401 (a wrong secret) is sent once", async () => {
    const wrong = h.open({ credentials: { apiKey: "fea-remote-test-key", apiSecret: "wrong" } });
    await expect(wrong.count("ToDo")).rejects.toThrow(/^Authentication failed: the site refused the API key and secret/);
    expect(retries()).toBe(0);
  });
});

describe("writes whose answer was lost are not doubled", () => {
  test("timeout while the site is still writing: the insert is found, not sent again", async () => {
    // The answer comes 50 ms after the deadline; the client looks for the record for one more deadline.
    const remote = h.open({ timeoutMs: 300 });
    h.server.injectFault({ method: "POST", path: COMMUNICATIONS, action: { kind: "delay", ms: 350 } });
    const { doc } = await remote.insert(mail("<slow@example.org>"));
    expect(doc.message_id).toBe("<slow@example.org>");
    expect(await storedCopies("<slow@example.org>")).toBe(1);
    expect(h.calls.insert).toBe(1);
    expect(h.logs.some((line) => line.includes('"reason":"timeout"'))).toBe(true);
    expect(h.logs.some((line) => line.includes("the failed write had landed"))).toBe(true);
  });

  test("connection dropped after the write: the stored Communication is returned, no duplicate", async () => {
    h.server.injectFault({ method: "POST", path: COMMUNICATIONS, action: { kind: "drop-after-write" } });
    const { doc } = await h.remote.insert({ ...mail("<dropped@example.org>"), email_account: "" });
    expect(await storedCopies("<dropped@example.org>")).toBe(1);
    expect((await h.local.getList("Communication", { fields: ["name"], filters: { message_id: "<dropped@example.org>" } }))[0]?.name).toBe(doc.name);
    expect(h.calls.insert).toBe(1);
  });

  test("connection dropped before the write: sent again, one record", async () => {
    h.server.injectFault({ method: "POST", path: COMMUNICATIONS, action: { kind: "drop" } });
    await h.remote.insert(mail("<lost@example.org>"));
    expect(await storedCopies("<lost@example.org>")).toBe(1);
    expect(h.calls.insert).toBe(1);
  });

  test("a record named from a field (Email Account) is found by its name after a dropped answer", async () => {
    h.server.injectFault({ method: "POST", path: "/api/resource/Email Account", action: { kind: "drop-after-write" } });
    const { doc } = await h.remote.insert({ doctype: "Email Account", email_account_name: "Sales", email_id: "sales@acme.test", enable_incoming: 0, enable_outgoing: 0 });
    expect(doc.name).toBe("Sales");
    expect(await h.local.count("Email Account")).toBe(1);
  });

  test("a record without a natural key (ToDo) is not sent again: the error says it may have been stored", async () => {
    h.server.injectFault({ method: "POST", path: "/api/resource/ToDo", action: { kind: "drop-after-write" } });
    const error = await rejection(h.remote.insert({ doctype: "ToDo", description: "once" }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/\(not repeated: the site may have stored it; check before sending it again\)$/);
    expect(await h.local.count("ToDo")).toBe(1);
  });

  test("a save whose answer was lost is not reported as stale", async () => {
    const { doc } = await h.remote.insert({ doctype: "ToDo", description: "before" });
    h.server.injectFault({ method: "PUT", action: { kind: "drop-after-write" } });
    const { doc: saved } = await h.remote.save({ doctype: "ToDo", name: doc.name, modified: doc.modified, description: "after" });
    expect(saved.description).toBe("after");
    expect(h.calls.save).toBe(1);
  });

  test("a delete whose answer was lost counts as done", async () => {
    const { doc } = await h.remote.insert({ doctype: "ToDo", description: "to delete" });
    h.server.injectFault({ method: "DELETE", action: { kind: "drop-after-write" } });
    await h.remote.delete("ToDo", String(doc.name));
    expect(await h.local.exists("ToDo", String(doc.name))).toBe(false);
  });

  test("a Buffer upload whose answer was lost is found by its content, not stored twice", async () => {
    const { doc: todo } = await h.remote.insert({ doctype: "ToDo", description: "attach" });
    h.server.injectFault({ method: "POST", path: "/api/method/upload_file", action: { kind: "drop-after-write" } });
    const file = await h.remote.uploadFile({ filename: "a.txt", content: Buffer.from("attachment body"), attachedToDoctype: "ToDo", attachedToName: String(todo.name) });
    expect(file.doctype).toBe("File");
    expect(await h.local.count("File", { attached_to_name: String(todo.name) })).toBe(1);
  });

  test("a streamed upload is sent once: a 503 is reported, not retried", async () => {
    const { Readable } = await import("node:stream");
    h.server.injectFault({ method: "POST", path: "/api/method/upload_file", action: { kind: "status", status: 503 } });
    const error = await rejection(h.remote.uploadFile({ filename: "s.txt", content: Readable.from([Buffer.from("streamed")]) }));
    expect(error.message).toMatch(/\(not repeated: a streamed body cannot be sent twice\)$/);
    expect(await h.local.count("File", { file_name: ["like", "s%.txt"] })).toBe(0);
    await h.remote.uploadFile({ filename: "s.txt", content: Readable.from([Buffer.from("streamed")]) });
    expect(await h.local.count("File", { file_name: ["like", "s%.txt"] })).toBe(1);
  });

  test("a read that keeps timing out is a TimeoutError naming the request", async () => {
    const remote = h.open({ timeoutMs: 100, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 } });
    h.server.injectFault({ method: "GET", action: { kind: "delay", ms: 300 }, times: 2 });
    const error = await rejection(remote.get("ToDo", "x"));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`GET ${h.url}/api/resource/ToDo/x did not answer within 100 ms (gave up after 2 attempts)`);
  });
});
