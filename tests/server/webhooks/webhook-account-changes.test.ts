import { HookRegistry } from "../../../src/core/hook-registry";
import { ValidationError } from "../../../src/errors";
import type { AccountChange } from "../../../src/server/webhooks";
import { frappeSignature, messageTexts, postWebhook, pythonJsonDumps } from "./support/frappe-webhook";
import { type RunningReceiver, startReceiver, WEBHOOK_SECRET } from "./support/receiver";

/** The Webhook receiver's Email Account announcements (webhook-routes.ts -> account-changes.ts), over real HTTP. */

const ACCOUNT = { doctype: "Email Account", name: "Support", email_id: "support@example.com" };

function signed(doc: unknown, secret = WEBHOOK_SECRET): { body: Buffer; signature: string } {
  const body = Buffer.from(pythonJsonDumps(doc), "utf8");
  return { body, signature: frappeSignature(secret, body) };
}

let receiver: RunningReceiver;
beforeEach(async () => (receiver = await startReceiver(new HookRegistry())));
afterEach(() => receiver.stop());

describe("Email Account changes", () => {
  let changes: AccountChange[];
  beforeEach(() => {
    changes = [];
    receiver.changes.onAccountChanged((change) => void changes.push(change));
  });

  test("a webhook for an Email Account calls the account-changed listeners with its name and event, and is kept in recent()", async () => {
    await postWebhook(receiver.urlFor("on_update"), signed(ACCOUNT));
    await postWebhook(receiver.urlFor("on_trash"), signed({ ...ACCOUNT, name: "Sales" }));
    expect(changes.map(({ name, event, removed }) => ({ name, event, removed }))).toEqual([
      { name: "Support", event: "on_update", removed: false },
      { name: "Sales", event: "on_trash", removed: true },
    ]);
    expect(changes[0]?.at).toBeInstanceOf(Date);
    expect(receiver.changes.recent()).toEqual(changes);
    expect(receiver.logLines.some((line) => line.includes('"msg":"Email Account changed on the remote site"') && line.includes('"account":"Support"'))).toBe(true);
  });

  test("another DocType's webhook announces no account change", async () => {
    await postWebhook(receiver.urlFor("on_update"), signed({ doctype: "Email Domain", name: "example.com" }));
    expect(changes).toEqual([]);
  });

  test("a refused call announces nothing", async () => {
    expect((await postWebhook(receiver.urlFor("on_update"), signed(ACCOUNT, "wrong"))).status).toBe(401);
    expect(changes).toEqual([]);
  });

  test("a handler that throws cannot veto: the change is still announced and the call answers the handler's error", async () => {
    const hooks = new HookRegistry();
    hooks.on("Email Account", "on_update", (_doc, _event, ctx) => ctx.msgprint("seen"));
    hooks.on("Email Account", "on_update", () => {
      throw new ValidationError("not on my watch");
    });
    const strict = await startReceiver(hooks);
    const announced: string[] = [];
    strict.changes.onAccountChanged((change) => void announced.push(change.name));
    try {
      const answer = await postWebhook(strict.urlFor("on_update"), signed(ACCOUNT));
      expect(answer.status).toBe(417);
      expect(answer.body.exc_type).toBe("ValidationError");
      expect(messageTexts(answer.body)).toEqual(["not on my watch"]);
      expect(announced).toEqual(["Support"]);
    } finally {
      await strict.stop();
    }
  });
});

