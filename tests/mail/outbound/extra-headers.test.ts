import { ValidationError } from "../../../src/errors";
import { checkedExtraHeaders } from "../../../src/mail/outbound/extra-headers";
import { queueEmail } from "../../../src/mail/outbound/queue-email";
import { type OutboundSite, insertAll, openOutboundSite, outgoingAccount } from "./outbound-site";

const config = { siteHost: "erp.example.test", siteUrl: "https://erp.example.test" };

describe("checkedExtraHeaders", () => {
  test("keeps names as given and cleans values like any free text (no line break survives)", () => {
    expect(checkedExtraHeaders({ "Auto-Submitted": "auto-replied", Precedence: " auto_reply\r\nBcc: evil@x.test " })).toEqual([
      { key: "Auto-Submitted", value: "auto-replied" },
      { key: "Precedence", value: "auto_replyBcc: evil@x.test" },
    ]);
  });

  test.each(["From", "to", "BCC", "Subject", "Message-ID", "In-Reply-To", "References", "Content-Type", "content-transfer-encoding", "List-Unsubscribe", "X-Frappe-Site", "Bad Name", "Bad:Name", "Ümlaut", ""])(
    "refuses %j",
    (name) => {
      expect(() => checkedExtraHeaders({ [name]: "x" })).toThrow(ValidationError);
      expect(() => checkedExtraHeaders({ [name]: "x" })).toThrow(`${JSON.stringify(name)} cannot be set as an extra header`);
    },
  );
});

describe("queueEmail with extraHeaders", () => {
  let t: OutboundSite;
  beforeEach(async () => {
    t = openOutboundSite();
    await insertAll(t.site, [outgoingAccount("Support", "support@example.test", { default_outgoing: 1 })]);
  });
  afterEach(() => t.close());

  test("the headers are written into the queued message", async () => {
    const result = await queueEmail(t.site, { recipients: "a@example.test", subject: "Hi", message: "<p>x</p>", extraHeaders: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" } }, { config });
    const message = String((await t.site.get("Email Queue", String(result.queue[0]))).message);
    expect(message).toMatch(/^Auto-Submitted: auto-replied$/m);
    expect(message).toMatch(/^X-Auto-Response-Suppress: All$/m);
  });

  test("a reserved header is refused before anything is queued", async () => {
    await expect(queueEmail(t.site, { recipients: "a@example.test", subject: "Hi", message: "x", extraHeaders: { Bcc: "spy@example.test" } }, { config })).rejects.toThrow('"Bcc" cannot be set as an extra header');
    expect(await t.site.count("Email Queue")).toBe(0);
  });
});
