import util from "node:util";
import { isFrappeError } from "../../../src/errors";
import { API_SECRET, type RemoteHarness, startHarness } from "./support/remote-harness";

/** The API secret travels only in the Authorization header: never in an error, its cause, or a log line. */
let h: RemoteHarness;
beforeEach(async () => (h = await startHarness()));
afterEach(() => h.stop());

/** Every way an error gets shown or logged: message, JSON, toJSON, a deep inspect with hidden fields, the cause chain. */
function renderings(error: unknown): string[] {
  const shown = [util.inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error), String(error)];
  if (isFrappeError(error)) shown.push(JSON.stringify(error.toJSON()));
  let cause = (error as { cause?: unknown }).cause;
  while (cause !== undefined && cause !== null) {
    shown.push(util.inspect(cause, { depth: Infinity, showHidden: true }), JSON.stringify(cause));
    cause = (cause as { cause?: unknown }).cause;
  }
  return shown;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail");
}

test("no failure kind puts the secret in the error or the logs", async () => {
  const fast = h.open({ timeoutMs: 80 });
  h.server.injectFault({ method: "GET", path: "/api/resource/ToDo/slow", action: { kind: "delay", ms: 400 }, times: 4 });
  h.server.injectFault({ method: "GET", path: "/api/resource/ToDo/busy", action: { kind: "status", status: 502 }, times: 4 });
  h.server.injectFault({ method: "POST", path: "/api/resource/ToDo", action: { kind: "drop-after-write" } });
  const port = Number(new URL(h.url).port);
  const errors = [
    await failure(fast.get("ToDo", "slow")),
    await failure(h.remote.get("ToDo", "busy")),
    await failure(h.remote.insert({ doctype: "ToDo", description: "dropped" })),
    await failure(h.remote.insert({ doctype: "Email Account", email_account_name: "NoAddress" })),
    await failure(h.remote.get("ToDo", "missing")),
    await failure(h.open({ credentials: { apiKey: "fea-remote-test-key", apiSecret: `${API_SECRET}-wrong` } }).count("ToDo")),
    await failure(h.open({ url: `http://127.0.0.1:${port + 1}`, retry: { attempts: 1 } }).count("ToDo")),
  ];
  expect(errors.map((e) => (e as Error).name)).toEqual(["TimeoutError", "ServerError", "NetworkError", "MandatoryError", "DoesNotExistError", "AuthenticationError", "NetworkError"]);
  for (const error of errors) {
    for (const shown of renderings(error)) expect(shown).not.toContain(API_SECRET);
  }
  expect(h.logs.length).toBeGreaterThan(10);
  for (const line of h.logs) expect(line).not.toContain(API_SECRET);
});

test("inspecting the site object itself shows no secret", async () => {
  await h.remote.count("ToDo");
  expect(util.inspect(h.remote, { depth: Infinity, showHidden: true })).not.toContain(API_SECRET);
  expect(JSON.stringify(h.remote)).not.toContain(API_SECRET);
});
