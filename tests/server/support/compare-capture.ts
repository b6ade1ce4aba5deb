import type { HttpAnswer } from "./test-server";
import { serverMessages } from "./test-server";

/** One captured request/response pair (tests/data/frappe-responses/*.json). */
export interface Capture {
  request: { method: string; path: string; headers: Record<string, string>; body: unknown };
  response: { status: number; reason: string; headers: Record<string, unknown>; body: unknown };
  note?: string;
}

/** A path left out of the value comparison, and why (a natural difference or a named deviation). */
export interface Ignored {
  path: string;
  why: string;
}

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HASH_NAME = /^[a-z0-9]{10}$/;
const TIMESTAMP_KEYS = new Set(["creation", "modified", "communication_date"]);
const NAME_KEYS = new Set(["name", "parent", "reference_name"]);

/** Values that naturally differ between two sites are compared by shape: timestamps, dates, hash names. */
function shapeOf(key: string, expected: unknown): RegExp | undefined {
  if (typeof expected !== "string") return undefined;
  if (TIMESTAMP_KEYS.has(key)) return DATETIME;
  if (key === "date") return DATE;
  if (NAME_KEYS.has(key) && HASH_NAME.test(expected)) return HASH_NAME;
  return undefined;
}

function ignoredAt(path: string, ignored: Ignored[]): boolean {
  return ignored.some((i) => {
    const want = i.path.split(".");
    const have = path.split(".");
    return want.length === have.length && want.every((part, n) => part === "*" || part === have[n]);
  });
}

function sortKey(value: unknown): string {
  return typeof value === "object" && value !== null && "name" in value ? String((value as { name: unknown }).name) : JSON.stringify(value);
}

/** Differences between our value and the captured one, as readable lines. */
export function diffValues(actual: unknown, expected: unknown, path: string, ignored: Ignored[], unordered: boolean, out: string[] = []): string[] {
  if (ignoredAt(path, ignored)) return out;
  const key = path.split(".").pop() ?? "";
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [...out, `${path}: expected a list, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) out.push(`${path}: ${actual.length} items, captured ${expected.length}`);
    const [a, e] = unordered ? [[...actual].sort((x, y) => sortKey(x).localeCompare(sortKey(y))), [...expected].sort((x, y) => sortKey(x).localeCompare(sortKey(y)))] : [actual, expected];
    e.forEach((item, i) => diffValues(a[i], item, `${path}.${i}`, ignored, unordered, out));
    return out;
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return [...out, `${path}: expected an object, got ${JSON.stringify(actual)}`];
    const have = actual as Record<string, unknown>;
    const want = expected as Record<string, unknown>;
    for (const k of Object.keys(want)) {
      if (!(k in have) && !ignoredAt(`${path}.${k}`, ignored)) out.push(`${path}.${k}: missing (captured ${JSON.stringify(want[k])})`);
    }
    for (const k of Object.keys(have)) {
      if (!(k in want) && !ignoredAt(`${path}.${k}`, ignored)) out.push(`${path}.${k}: not in the capture (ours ${JSON.stringify(have[k])})`);
    }
    for (const k of Object.keys(want)) if (k in have) diffValues(have[k], want[k], `${path}.${k}`, ignored, unordered, out);
    return out;
  }
  const shape = shapeOf(key, expected);
  if (shape) {
    if (typeof actual !== "string" || !shape.test(actual)) out.push(`${path}: ${JSON.stringify(actual)} does not have the shape of ${JSON.stringify(expected)}`);
    return out;
  }
  if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)}, captured ${JSON.stringify(expected)}`);
  return out;
}

/** Timestamps inside message texts (the stale-modified message) compared by shape. */
function normaliseText(text: unknown): unknown {
  return typeof text === "string" ? text.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}/g, "<timestamp>") : text;
}

/** The parts of an error answer a client reads: exc_type, which keys are there, `exception`'s class, the messages. */
export function diffError(answer: HttpAnswer, captured: Capture["response"], ignored: Ignored[]): string[] {
  const out: string[] = [];
  const have = answer.body as Record<string, unknown>;
  const want = captured.body as Record<string, unknown>;
  if (typeof have !== "object" || have === null) return [`body is not JSON: ${answer.text.slice(0, 200)}`];
  if (have.exc_type !== want.exc_type) out.push(`exc_type: ${String(have.exc_type)}, captured ${String(want.exc_type)}`);
  const keys = (o: object) => Object.keys(o).sort().join(",");
  if (keys(have) !== keys(want)) out.push(`body keys: ${keys(have)}, captured ${keys(want)}`);
  if (typeof want.exception === "string") {
    const cls = (text: unknown) => String(text).split(":")[0];
    if (cls(have.exception) !== cls(want.exception)) out.push(`exception: ${String(have.exception)}, captured ${want.exception}`);
  }
  if (typeof want.exc === "string" && (typeof have.exc !== "string" || !Array.isArray(JSON.parse(have.exc)))) out.push("exc: not a JSON-encoded list");
  if (want._error_message !== undefined && have._error_message !== want._error_message) out.push(`_error_message: ${String(have._error_message)}`);
  const ours = serverMessages(have);
  const theirs = serverMessages(want);
  if (ours.length !== theirs.length) out.push(`_server_messages: ${ours.length} messages, captured ${theirs.length}`);
  theirs.forEach((message, i) => {
    const mine = ours[i] ?? {};
    const wantKeys = Object.keys(message).sort().join(",");
    if (Object.keys(mine).sort().join(",") !== wantKeys) out.push(`_server_messages.${i} keys: ${Object.keys(mine).sort().join(",")}, captured ${wantKeys}`);
    for (const k of ["message", "title", "indicator", "raise_exception"]) {
      if (ignoredAt(`_server_messages.${i}.${k}`, ignored)) continue;
      if (normaliseText(mine[k]) !== normaliseText(message[k])) out.push(`_server_messages.${i}.${k}: ${JSON.stringify(mine[k])}, captured ${JSON.stringify(message[k])}`);
    }
    if (message.__frappe_exc_id !== undefined && !/^[0-9a-f]{56}$/.test(String(mine.__frappe_exc_id))) out.push(`_server_messages.${i}.__frappe_exc_id: bad shape`);
  });
  return out;
}

/** Everything compared for one capture: status, headers a client reads, then the error or the envelope and its values. */
export function diffAnswer(answer: HttpAnswer, capture: Capture, ignored: Ignored[], unordered: boolean): string[] {
  const out: string[] = [];
  if (answer.status !== capture.response.status) out.push(`status ${answer.status}, captured ${capture.response.status}`);
  if (answer.headers.get("content-type") !== capture.response.headers["Content-Type"]) out.push(`Content-Type ${String(answer.headers.get("content-type"))}`);
  const cookieNames = (cookies: string[]) => cookies.map((c) => c.split("=")[0]).join(",");
  const capturedCookies = (capture.response.headers["Set-Cookie"] as string[] | undefined) ?? [];
  if (cookieNames(answer.headers.getSetCookie()) !== cookieNames(capturedCookies)) out.push(`Set-Cookie: ${cookieNames(answer.headers.getSetCookie())}`);
  const want = capture.response.body as Record<string, unknown>;
  if ("exc_type" in want) return [...out, ...diffError(answer, capture.response, ignored)];
  return diffValues(answer.body, want, "body", ignored, unordered, out);
}
