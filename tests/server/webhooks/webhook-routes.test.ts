import type { DocumentContext } from "../../../src/core/context";
import type { Doc } from "../../../src/core/doc";
import type { DocEvent } from "../../../src/core/doc-events";
import { HookRegistry } from "../../../src/core/hook-registry";
import type { AccountChange } from "../../../src/server/webhooks";
import { createHookRegistry } from "../../../hooks";
import { frappeSignature, messageTexts, postWebhook, pythonJsonDumps } from "./support/frappe-webhook";
import { type RunningReceiver, startReceiver, WEBHOOK_SECRET } from "./support/receiver";

/** The Webhook receiver (src/server/webhooks/webhook-routes.ts) over real HTTP, called as a Frappe v15 Webhook calls. */

const ACCOUNT = {
  doctype: "Email Account",
  name: "Support",
  email_id: "support@example.com",
  email_account_name: "Support – Zürich",
  enable_incoming: 1,
  imap_folder: [{ doctype: "IMAP Folder", name: "a1b2c3", folder_name: "INBOX", idx: 1 }],
  modified: "2025-01-02 10:11:12.123456",
};

interface Call {
  who: string;
  doc: Doc;
  event: DocEvent;
  ctx: DocumentContext;
}

/** A registry with the app's hooks and a developer's handlers that record each call. */
function recordingHooks(calls: Call[]): HookRegistry {
  const hooks = createHookRegistry();
  const record = (who: string) => (doc: Doc, event: DocEvent, ctx: DocumentContext) => void calls.push({ who, doc, event, ctx });
  hooks.register({ doc_events: { "*": { on_update: record("star-1") } } });
  hooks.register({ doc_events: { "Email Account": { on_update: [record("account-1"), record("account-2")], on_change: record("account-change"), after_insert: record("account-insert") } } });
  hooks.register({ doc_events: { "*": { on_update: record("star-2"), on_change: record("star-change"), on_trash: record("star-trash") } } });
  return hooks;
}

function signed(doc: unknown, secret = WEBHOOK_SECRET): { body: Buffer; signature: string } {
  const body = Buffer.from(pythonJsonDumps(doc), "utf8");
  return { body, signature: frappeSignature(secret, body) };
}

let calls: Call[];
let receiver: RunningReceiver;
beforeEach(async () => {
  calls = [];
  receiver = await startReceiver(recordingHooks(calls));
});
afterEach(() => receiver.stop());

test("a signed call runs the DocType's handlers, then \"*\", in registration order, with the document and the served site", async () => {
  const answer = await postWebhook(receiver.urlFor("on_update"), signed(ACCOUNT));
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({ message: { doctype: "Email Account", name: "Support", event: "on_update", doc_event: "on_update", handlers: 4 } });
  expect(calls.map((c) => c.who)).toEqual(["account-1", "account-2", "star-1", "star-2"]);
  expect(calls[0]?.doc).toEqual(ACCOUNT);
  for (const call of calls) {
    expect(call.event).toBe("on_update");
    expect(call.ctx.site).toBe(receiver.site);
    expect(call.ctx.meta).toBe(receiver.site.meta);
    expect(call.ctx.user).toBe("Administrator");
  }
});

test("a handler writes to the served site through its context", async () => {
  const hooks = new HookRegistry();
  hooks.on("Email Account", "on_update", async (doc, event, ctx) => {
    await ctx.site.insert({ doctype: "ToDo", description: `${String(doc.name)} ${event} on the remote site` });
  });
  const other = await startReceiver(hooks);
  try {
    expect((await postWebhook(other.urlFor("on_update"), signed(ACCOUNT))).status).toBe(200);
    const todos = await other.site.getList("ToDo", { fields: ["description"] });
    expect(todos).toEqual([{ description: "Support on_update on the remote site" }]);
  } finally {
    await other.stop();
  }
});

test("PUT and DELETE, the Webhook's other request methods, are accepted too; GET is not", async () => {
  expect((await postWebhook(receiver.urlFor("on_trash"), { ...signed(ACCOUNT), method: "DELETE" })).status).toBe(200);
  expect((await postWebhook(receiver.urlFor("on_change"), { ...signed(ACCOUNT), method: "PUT" })).status).toBe(200);
  expect(calls.map((c) => c.who)).toEqual(["star-trash", "account-change", "star-change"]);
  const get = await fetch(receiver.urlFor("on_update"));
  expect(get.status).toBe(405);
  expect(get.headers.get("allow")).toBe("POST, PUT, DELETE");
});

test("a Content-Type header changes nothing: the body is read as JSON either way", async () => {
  const answer = await postWebhook(receiver.urlFor("after_insert"), { ...signed(ACCOUNT), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  expect(answer.status).toBe(200);
  expect(calls.map((c) => c.who)).toEqual(["account-insert"]);
});

describe("refused calls run no handler", () => {
  afterEach(() => expect(calls).toEqual([]));

  test("unsigned: 401 AuthenticationError naming the header", async () => {
    const answer = await postWebhook(receiver.urlFor("on_update"), { body: signed(ACCOUNT).body });
    expect(answer.status).toBe(401);
    expect(answer.body.exc_type).toBe("AuthenticationError");
    expect(messageTexts(answer.body)[0]).toMatch(/^Webhook call refused: no X-Frappe-Webhook-Signature header/);
  });

  test("signed with another secret: 401", async () => {
    const answer = await postWebhook(receiver.urlFor("on_update"), signed(ACCOUNT, "not-the-secret"));
    expect(answer.status).toBe(401);
    expect(messageTexts(answer.body)[0]).toMatch(/does not match the body/);
  });

  test("a tampered body under the original signature: 401", async () => {
    const { signature } = signed(ACCOUNT);
    const tampered = Buffer.from(pythonJsonDumps({ ...ACCOUNT, email_id: "attacker@evil.example" }), "utf8");
    expect((await postWebhook(receiver.urlFor("on_update"), { body: tampered, signature })).status).toBe(401);
  });

  test("the signature in another form (hex, base64 without padding): 401", async () => {
    const { body, signature } = signed(ACCOUNT);
    const hex = Buffer.from(signature, "base64").toString("hex");
    expect((await postWebhook(receiver.urlFor("on_update"), { body, signature: hex })).status).toBe(401);
    expect((await postWebhook(receiver.urlFor("on_update"), { body, signature: signature.replace(/=+$/, "") })).status).toBe(401);
  });

  test("an unknown event, signed: 400 InputError listing Frappe's events", async () => {
    const answer = await postWebhook(receiver.urlFor("on_submitt"), signed(ACCOUNT));
    expect(answer.status).toBe(400);
    expect(answer.body.exc_type).toBe("InputError");
    expect(messageTexts(answer.body)[0]).toBe(
      'Unknown webhook event "on_submitt": the path ends in the Webhook\'s Doc Event, one of after_insert, on_update, on_submit, on_cancel, on_trash, on_update_after_submit, on_change',
    );
  });

  test("an unsigned call with an unknown event is refused as unsigned (401), before the event is looked at", async () => {
    expect((await postWebhook(receiver.urlFor("nope"), { body: signed(ACCOUNT).body })).status).toBe(401);
  });

  test("a body without doctype (Frappe's default {} when no JSON body is set): 400 saying what to set", async () => {
    const answer = await postWebhook(receiver.urlFor("on_update"), signed({}));
    expect(answer.status).toBe(400);
    expect(messageTexts(answer.body)[0]).toBe('The webhook body has no "doctype": set the Webhook\'s Request Structure to JSON and its JSON Request Body to {{ doc | json }}');
  });

  test("a body that is not JSON: 400", async () => {
    const body = Buffer.from("doctype=Email+Account&name=Support");
    const answer = await postWebhook(receiver.urlFor("on_update"), { body, signature: frappeSignature(WEBHOOK_SECRET, body) });
    expect(answer.status).toBe(400);
    expect(messageTexts(answer.body)[0]).toMatch(/^The webhook body is not valid JSON/);
  });
});

test("without a secret configured every call is refused with 503 naming FEA_WEBHOOK_SECRET, signed or not", async () => {
  const off = await startReceiver(recordingHooks(calls), { secret: undefined });
  const changes: AccountChange[] = [];
  off.changes.onAccountChanged((change) => void changes.push(change));
  try {
    for (const attempt of [signed(ACCOUNT), signed(ACCOUNT, ""), { body: signed(ACCOUNT).body }]) {
      const answer = await postWebhook(off.urlFor("on_update"), attempt);
      expect(answer.status).toBe(503);
      expect(answer.body.exc_type).toBe("ConfigError");
      expect(messageTexts(answer.body)[0]).toMatch(/^Webhooks are not accepted: this server has no webhook secret\. Set FEA_WEBHOOK_SECRET/);
    }
    expect(calls).toEqual([]);
    expect(changes).toEqual([]);
  } finally {
    await off.stop();
  }
});

describe("Frappe's events map to ours", () => {
  test.each([
    ["after_insert", ["account-insert"]],
    ["on_update", ["account-1", "account-2", "star-1", "star-2"]],
    ["on_change", ["account-change", "star-change"]],
    ["on_trash", ["star-trash"]],
    ["on_submit", ["account-change", "star-change"]],
    ["on_cancel", ["account-change", "star-change"]],
    ["on_update_after_submit", ["account-change", "star-change"]],
  ])("%s runs the handlers %j", async (event, expected) => {
    const answer = await postWebhook(receiver.urlFor(event), signed(ACCOUNT));
    expect(answer.status).toBe(200);
    expect(calls.map((c) => c.who)).toEqual(expected);
  });
});

test("messages a handler shows with msgprint come back in _server_messages", async () => {
  const hooks = new HookRegistry();
  hooks.on("*", "on_update", (doc, _event, ctx) => ctx.msgprint(`noted ${String(doc.name)}`));
  const chatty = await startReceiver(hooks);
  try {
    const answer = await postWebhook(chatty.urlFor("on_update"), signed(ACCOUNT));
    expect(answer.status).toBe(200);
    expect(messageTexts(answer.body)).toEqual(["noted Support"]);
  } finally {
    await chatty.stop();
  }
});

test("a numeric name (Frappe's autoincrement naming) reaches the handlers as text", async () => {
  await postWebhook(receiver.urlFor("on_update"), signed({ doctype: "ToDo", name: 42 }));
  expect(calls[0]?.doc).toEqual({ doctype: "ToDo", name: "42" });
});

test("neither the secret nor the signature appears in an answer or a log line", async () => {
  const good = signed(ACCOUNT);
  const answers = [
    await postWebhook(receiver.urlFor("on_update"), good),
    await postWebhook(receiver.urlFor("on_update"), { body: good.body, signature: frappeSignature("wrong", good.body) }),
    await postWebhook(receiver.urlFor("bogus"), good),
  ];
  const everything = [...answers.map((a) => a.text), ...receiver.logLines].join("\n");
  expect(everything).not.toContain(WEBHOOK_SECRET);
  expect(everything).not.toContain(good.signature);
});
