import http from "node:http";
import { call, type RunningServer, startServer, TOKEN_HEADER } from "./support/test-server";

/**
 * The failure-injection hook the connector's tests use: an ordered queue of faults, each for the
 * requests it matches. These tests prove what each fault does to the site, so the connector's
 * tests can rely on "the write landed but the answer was lost" and "nothing was written".
 */
const ACCOUNTS = "/api/resource/Email Account";
const account = (name: string) => ({ email_account_name: name, email_id: `${name.toLowerCase()}@example.org`, enable_incoming: 0, enable_outgoing: 0 });

let running: RunningServer;
beforeEach(async () => (running = await startServer()));
afterEach(() => running.stop());

async function count(): Promise<number> {
  return running.site.count("Email Account");
}

/** Sends the whole body, then gives up after `ms` without an answer, as a client with a timeout does. */
function postThenGiveUp(path: string, json: unknown, ms: number): Promise<"gave up" | number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(json);
    const req = http.request(`${running.url}${path}`, {
      method: "POST",
      headers: { Authorization: TOKEN_HEADER, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => resolve(res.statusCode ?? 0));
    req.on("error", (err) => (req.destroyed ? resolve("gave up") : reject(err)));
    req.on("finish", () => setTimeout(() => req.destroy(), ms));
    req.end(body);
  });
}

test("delay: the client times out, yet the write lands once the delay is over", async () => {
  running.server.injectFault({ method: "POST", path: "/api/resource/Email Account", action: { kind: "delay", ms: 400 } });
  expect(await postThenGiveUp("/api/resource/Email%20Account", account("Slow"), 100)).toBe("gave up");
  expect(await running.site.exists("Email Account", "Slow")).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(await running.site.exists("Email Account", "Slow")).toBe(true);
});

test("delay after: the write lands at once, the answer comes late", async () => {
  running.server.injectFault({ method: "POST", action: { kind: "delay", ms: 300, when: "after" } });
  const started = Date.now();
  const slow = call(running.url, "POST", ACCOUNTS, { json: account("Late") });
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(await running.site.exists("Email Account", "Late")).toBe(true);
  expect((await slow).status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

test.each([502, 503] as const)("status %i with Retry-After: answered at once, nothing written; the next request goes through", async (status) => {
  running.server.injectFault({ method: "POST", action: { kind: "status", status, retryAfterSeconds: 2 } });
  const refused = await call(running.url, "POST", ACCOUNTS, { json: account("Busy") });
  expect(refused.status).toBe(status);
  expect(refused.headers.get("retry-after")).toBe("2");
  expect(refused.headers.get("content-type")).toBe("text/html");
  expect(await count()).toBe(0);
  const retried = await call(running.url, "POST", ACCOUNTS, { json: account("Busy") });
  expect(retried.status).toBe(200);
  expect(await count()).toBe(1);
});

test("429: Frappe's rate-limit answer in its JSON error shape, with Retry-After", async () => {
  running.server.injectFault({ action: { kind: "status", status: 429, retryAfterSeconds: 1 } });
  const answer = await call(running.url, "GET", "/api/resource/Email Account");
  expect(answer.status).toBe(429);
  expect(answer.headers.get("retry-after")).toBe("1");
  expect(answer.body).toMatchObject({ exc_type: "TooManyRequestsError" });
});

test("drop-after-write: the insert is carried out, the socket closed unanswered; a resend meets the record (409), never a double", async () => {
  running.server.injectFault({ method: "POST", path: "/api/resource/Email Account", action: { kind: "drop-after-write" } });
  await expect(call(running.url, "POST", ACCOUNTS, { json: account("Once") })).rejects.toThrow();
  expect(await running.site.exists("Email Account", "Once")).toBe(true);
  const resent = await call(running.url, "POST", ACCOUNTS, { json: account("Once") });
  expect(resent.status).toBe(409);
  expect((resent.body as { exc_type: string }).exc_type).toBe("DuplicateEntryError");
  expect(await count()).toBe(1);
});

test("drop-after-write on an update: the save lands, the caller never hears", async () => {
  await running.site.insert({ doctype: "Email Account", ...account("Edited") });
  running.server.injectFault({ method: "PUT", action: { kind: "drop-after-write" } });
  await expect(call(running.url, "PUT", `${ACCOUNTS}/Edited`, { json: { signature: "landed" } })).rejects.toThrow();
  expect((await running.site.get("Email Account", "Edited")).signature).toBe("landed");
});

test("drop: the socket is closed and nothing is written", async () => {
  running.server.injectFault({ method: "POST", action: { kind: "drop" } });
  await expect(call(running.url, "POST", ACCOUNTS, { json: account("Lost") })).rejects.toThrow();
  expect(await count()).toBe(0);
});

test("faults apply in order, only to the requests they match, `times` times; the rest run normally", async () => {
  running.server.injectFault({ method: "POST", path: /^\/api\/resource\//, action: { kind: "status", status: 503 }, times: 2 });
  running.server.injectFault({ method: "POST", action: { kind: "status", status: 502 } });
  expect(running.server.pendingFaults()).toBe(2);
  // A GET matches neither fault.
  expect((await call(running.url, "GET", ACCOUNTS)).status).toBe(200);
  expect((await call(running.url, "POST", ACCOUNTS, { json: account("A") })).status).toBe(503);
  expect((await call(running.url, "POST", ACCOUNTS, { json: account("A") })).status).toBe(503);
  expect(running.server.pendingFaults()).toBe(1);
  expect((await call(running.url, "POST", ACCOUNTS, { json: account("A") })).status).toBe(502);
  expect(running.server.pendingFaults()).toBe(0);
  expect((await call(running.url, "POST", ACCOUNTS, { json: account("A") })).status).toBe(200);
});

test("faults given at creation are queued like injected ones", async () => {
  const other = await startServer({ faults: [{ path: "/api/method/frappe.auth.get_logged_user", action: { kind: "status", status: 503 } }] });
  try {
    expect((await call(other.url, "GET", "/api/method/frappe.auth.get_logged_user")).status).toBe(503);
    expect((await call(other.url, "GET", "/api/method/frappe.auth.get_logged_user")).body).toEqual({ message: "Administrator" });
  } finally {
    await other.stop();
  }
});

test("a fault's times must be a positive integer", () => {
  expect(() => running.server.injectFault({ action: { kind: "drop" }, times: 0 })).toThrow(RangeError);
});
