import { setTimeout as sleep } from "node:timers/promises";
import { cstr } from "../../../src/core/doc";
import { ServerError, TimeoutError } from "../../../src/errors";
import { ingestMessage } from "../../../src/mail/inbound";
import type { InboundMessage } from "../../../src/mail/inbound-message";
import { type RemoteHarness, startHarness } from "../../site/remote/support/remote-harness";
import { buildMail, recordingLogger, SITE_HOST } from "../inbound/inbound-fixture";

/**
 * ingestMessage into a RemoteSite: a site that gives no verdict on a write did not refuse the mail,
 * so the mail is not kept as an Unhandled Email; ingestMessage throws and the puller fetches it again.
 */
let h: RemoteHarness;
let account: InboundMessage["account"];
beforeEach(async () => {
  h = await startHarness({ timeoutMs: 300 });
  await h.local.insert({ doctype: "Email Account", email_account_name: "Support", email_id: "support@example.com", awaiting_password: 1 });
  account = await h.remote.get("Email Account", "Support");
});
afterEach(() => h.stop());

const ingest = (messageId: string, appendTo = "") =>
  ingestMessage(h.remote, { account, folder: "INBOX", appendTo, uid: 7, uidvalidity: "1", seen: false, source: buildMail({ messageId }) }, { log: recordingLogger(), siteHost: SITE_HOST });

test("503 through every retry of the Communication insert: it throws, and no Unhandled Email is kept", async () => {
  h.server.injectFault({ method: "POST", path: "/api/resource/Communication", action: { kind: "status", status: 503 }, times: 4 });

  await expect(ingest("busy-1@example.org")).rejects.toBeInstanceOf(ServerError);

  expect(await h.local.count("Unhandled Email")).toBe(0);
  expect(await h.local.count("Communication")).toBe(0);
});

test("the same mail fetched again once the site answers is stored once", async () => {
  h.server.injectFault({ method: "POST", path: "/api/resource/Communication", action: { kind: "status", status: 503 }, times: 4 });
  await expect(ingest("busy-2@example.org", "Issue")).rejects.toBeInstanceOf(ServerError);

  const again = await ingest("busy-2@example.org", "Issue");

  expect(again.status).toBe("created");
  // The Issue the first attempt made was kept (the site stopped answering) and is taken now.
  expect(await h.local.count("Issue")).toBe(1);
  expect((await h.local.get("Communication", cstr(again.communication))).reference_name).toBe(again.reference?.name);
});

test("an Issue insert that timed out is not sent again at once (it may still land)", async () => {
  h.server.injectFault({ method: "POST", path: "/api/resource/Issue", action: { kind: "delay", ms: 600 } });

  await expect(ingest("slow-issue@example.org", "Issue")).rejects.toBeInstanceOf(TimeoutError);

  expect(await h.local.count("Unhandled Email")).toBe(0);
  // The slow insert lands by itself, once.
  for (let waited = 0; (await h.local.count("Issue")) === 0 && waited < 3_000; waited += 50) await sleep(50);
  await sleep(100);
  expect(await h.local.count("Issue")).toBe(1);
});

test("a verdict from the site still makes an Unhandled Email", async () => {
  // A 500 is the site's answer (its worker failed on this request), kept as Frappe keeps a mail it failed on.
  h.server.injectFault({ method: "POST", path: "/api/resource/Communication", action: { kind: "status", status: 500 } });

  const result = await ingest("broken-1@example.org");

  expect(result.status).toBe("unhandled");
  expect(result.reason).toMatch(/^The mail could not be stored: ServerError: /);
  expect(await h.local.count("Unhandled Email")).toBe(1);
});
