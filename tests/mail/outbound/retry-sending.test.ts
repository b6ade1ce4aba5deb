import type { Doc } from "../../../src/core/doc";
import { queueEmail } from "../../../src/mail/outbound/queue-email";
import { retrySending } from "../../../src/mail/outbound/retry-sending";
import { type OutboundSite, insertAll, openOutboundSite, outgoingAccount } from "./outbound-site";

describe("retrySending (Frappe's retry_sending)", () => {
  let t: OutboundSite;
  beforeEach(async () => {
    t = openOutboundSite();
    await insertAll(t.site, [outgoingAccount("Support", "support@example.test", { default_outgoing: 1 })]);
  });
  afterEach(() => t.close());

  it("puts rows in Error back in line and clears the refusals of recipients not yet sent; other rows are left alone", async () => {
    const config = { siteHost: "erp.example.test", siteUrl: "https://erp.example.test" };
    const failed = await queueEmail(t.site, { recipients: ["a@example.test", "b@example.test"], subject: "S", message: "x" }, { config });
    const waiting = await queueEmail(t.site, { recipients: "c@example.test", subject: "S", message: "x" }, { config });
    const name = String(failed.queue[0]);
    const [a, b] = (await t.site.get("Email Queue", name)).recipients as Doc[];
    await t.site.setValue("Email Queue Recipient", String(a?.name), { status: "Sent" });
    await t.site.setValue("Email Queue Recipient", String(b?.name), { error: "550 5.1.1 User unknown" });
    await t.site.setValue("Email Queue", name, { status: "Error", retry: 1, error: "b@example.test: 550" });

    expect(await retrySending(t.site, [name, String(waiting.queue[0]), "missing"])).toEqual([name]);
    const row = await t.site.get("Email Queue", name);
    expect(row.status).toBe("Not Sent");
    expect((row.recipients as Doc[]).map((r) => [r.status, r.error ?? null])).toEqual([
      ["Sent", null],
      ["Not Sent", null],
    ]);
  });
});
