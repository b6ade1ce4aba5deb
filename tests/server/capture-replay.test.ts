import fs from "node:fs";
import path from "node:path";
import { type Capture, diffAnswer } from "./support/compare-capture";
import { CAPTURE_CASES, type ReplayState } from "./support/capture-cases";
import { probingMail, startGreeter } from "./support/probe-mail";
import { call, startServer, TOKEN_HEADER } from "./support/test-server";

/**
 * Every captured request/response pair of a real Frappe v15.55.1 site, replayed against this server
 * over HTTP: the same precondition records in a fresh local site, the same request (with this test's
 * token), and the answer compared with the captured one: status, headers a client reads, the
 * envelope, values (timestamps, dates and hash names by shape), and for errors exc_type, the body's
 * keys and the decoded _server_messages.
 */
const DIR = path.join(__dirname, "..", "data", "frappe-responses");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();

function load(file: string): Capture {
  return JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as Capture;
}

/** The captured body as it was sent: JSON, or the form fields of a form-encoded request. */
function requestBody(capture: Capture, body: unknown): { body?: string; headers: Record<string, string> } {
  if (body === null || body === undefined) return { headers: {} };
  const type = capture.request.headers["Content-Type"] ?? "application/json";
  if (type === "application/x-www-form-urlencoded") {
    return { body: new URLSearchParams(body as Record<string, string>).toString(), headers: { "Content-Type": type } };
  }
  return { body: JSON.stringify(body), headers: { "Content-Type": type } };
}

test("the comparison has teeth: a changed value, a missing key, a new key and another status are all reported", () => {
  const capture = load("06-get-email-account-with-password.json");
  const data = { ...(capture.response.body as { data: Record<string, unknown> }).data };
  const answer = { status: 200, headers: new Headers({ "content-type": "application/json" }), text: "", body: { data: { ...data, email_id: "other@example.org", extra: 1 } } };
  delete (answer.body.data as Record<string, unknown>).uidnext;
  for (const cookie of capture.response.headers["Set-Cookie"] as string[]) answer.headers.append("set-cookie", cookie);
  expect(diffAnswer(answer, capture, [], false)).toEqual([
    "body.data.uidnext: missing (captured 0)",
    "body.data.extra: not in the capture (ours 1)",
    'body.data.email_id: "other@example.org", captured "sales@capture.example.test"',
  ]);
  expect(diffAnswer({ ...answer, status: 201, body: { data } }, capture, [], false)).toEqual(["status 201, captured 200"]);
});

test("every captured pair has a replay case", () => {
  expect(FILES.filter((f) => !(f in CAPTURE_CASES))).toEqual([]);
  expect(Object.keys(CAPTURE_CASES).filter((f) => !FILES.includes(f))).toEqual([]);
});

describe.each(FILES)("capture %s", (file) => {
  const replay = CAPTURE_CASES[file] ?? {};
  const capture = load(file);

  test(replay.deviation ? `differs on purpose: ${replay.deviation.why}` : "answers as the captured site did", async () => {
    const greeters = replay.greeters ? await Promise.all([startGreeter("* OK IMAP4rev1 ready"), startGreeter("220 smtp ready")]) : [];
    const state: ReplayState = { names: {} };
    if (greeters.length === 2) state.ports = { imap: greeters[0]!.port, smtp: greeters[1]!.port };
    const running = await startServer({
      ...(replay.probing ? { mail: probingMail } : {}),
      seed: async (site) => {
        for (const step of replay.setup ?? []) await step(site, state.names);
        if (await site.exists("Email Account", "Capture Sales")) state.modified = String((await site.get("Email Account", "Capture Sales")).modified);
      },
    });
    try {
      const { method, path: capturedPath, headers: capturedHeaders } = capture.request;
      const body = replay.body ? replay.body(capture.request.body, state) : capture.request.body;
      const sent = requestBody(capture, body);
      const headers: Record<string, string> = { ...sent.headers };
      // The captured header is redacted; a real (wrong) key and secret stay as captured (08b).
      const authorization = capturedHeaders.Authorization;
      if (authorization === "token <api_key>:<api_secret>") headers.Authorization = TOKEN_HEADER;
      else if (authorization !== undefined) headers.Authorization = authorization;
      const requestPath = replay.path ? replay.path(capturedPath, state) : capturedPath;
      const answer = await call(running.url, method, requestPath, { auth: false, headers, ...(sent.body === undefined ? {} : { body: sent.body }) });

      if (replay.deviation) {
        replay.deviation.assert(answer);
        return;
      }
      const expected = replay.expected ? { ...capture, response: { ...capture.response, body: replay.expected(capture.response.body, state) } } : capture;
      expect(diffAnswer(answer, expected, replay.ignored ?? [], replay.unordered === true)).toEqual([]);
    } finally {
      await running.stop();
      await Promise.all(greeters.map((g) => g.close()));
    }
  });
});
