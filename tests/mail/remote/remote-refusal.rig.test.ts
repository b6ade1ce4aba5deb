import { createHookRegistry } from "../../../hooks";
import type { Doc } from "../../../src/core/doc";
import { ValidationError } from "../../../src/errors";
import { resetMailbox, seedMaildir } from "../../rig";
import { RemoteMailSite, rows } from "./remote-mail-fixture";
import { rawMail } from "./rig-mails";

jest.setTimeout(60_000);

const REFUSAL = "Mail with [blocked] in the subject is not accepted on this site";

/** A site with a custom rule (as an app's hook on a real site would add) that refuses some Communications. */
function refusingHooks() {
  const hooks = createHookRegistry();
  hooks.register({
    doc_events: {
      Communication: {
        validate: (doc: Doc) => {
          if (String(doc.subject).includes("[blocked]")) throw new ValidationError(REFUSAL, { doctype: "Communication" });
        },
      },
    },
  });
  return hooks;
}

describe("a mail the remote site refuses (rig)", () => {
  let site: RemoteMailSite;
  let account: string;
  beforeEach(async () => {
    await resetMailbox("spare");
    await seedMaildir("spare", "INBOX", [
      rawMail({ id: "fine-1@customer.test", subject: "First, fine" }),
      rawMail({ id: "blocked-1@customer.test", subject: "Offer [blocked]" }),
      rawMail({ id: "fine-2@customer.test", subject: "Second, fine" }),
    ]);
    site = await RemoteMailSite.start({ hooks: refusingHooks() });
    account = await site.addAccount("spare", { appendTo: "Issue" });
  });
  afterEach(() => site.close());

  test("ends as an Unhandled Email on the remote site, with the site's reason; the Issue made for it is deleted again", async () => {
    const report = await site.pull(account);

    expect(report.folders[0]).toMatchObject({ fetched: 3, created: 2, unhandled: 1, errors: [] });
    const [unhandled, ...more] = await rows(site.local, "Unhandled Email");
    expect(more).toEqual([]);
    expect(unhandled).toMatchObject({
      email_account: account,
      message_id: "<blocked-1@customer.test>",
      reason: `The mail could not be stored: ValidationError: ${REFUSAL}`,
    });
    expect(Number(unhandled?.uid)).toBeGreaterThan(0);
    expect(String(unhandled?.raw)).toContain("Subject: Offer [blocked]");
    expect((await rows(site.local, "Communication")).map((c) => c.message_id)).toEqual(["fine-1@customer.test", "fine-2@customer.test"]);
    expect((await rows(site.local, "Issue")).map((i) => i.subject)).toEqual(["First, fine", "Second, fine"]);

    // The cursor moved past it: it is not kept a second time.
    const again = await site.pull(account);
    expect(again.folders[0]).toMatchObject({ created: 0, unhandled: 0, errors: [] });
    expect(await site.local.count("Unhandled Email")).toBe(1);
  });

  test("an Unhandled Email whose answer was lost is found by its Message-ID and UID, not kept twice", async () => {
    site.injectFault({ method: "POST", path: "/api/resource/Unhandled Email", action: { kind: "drop-after-write" } });

    const report = await site.pull(account);

    expect(site.server.pendingFaults()).toBe(0);
    expect(report.folders[0]).toMatchObject({ created: 2, unhandled: 1, errors: [] });
    expect(await site.local.count("Unhandled Email")).toBe(1);
  });
});
