import { appendSignature, findSignature } from "../../../src/mail/outbound/signature";
import { type OutboundSite, insertAll, openOutboundSite } from "./outbound-site";

describe("signatures (S11)", () => {
  let t: OutboundSite;
  beforeEach(() => {
    t = openOutboundSite();
  });
  afterEach(() => t.close());

  it("the user's own signature first, else the account's when add_signature is on", async () => {
    await insertAll(t.site, [
      { doctype: "User", email: "agent@example.test", first_name: "Agent", email_signature: "Agent Smith, Support" },
      { doctype: "User", email: "plain@example.test", first_name: "Plain" },
    ]);
    const account = { doctype: "Email Account", name: "Support", add_signature: 1, signature: "The Support Team" };
    expect(await findSignature(t.site, "agent@example.test", account)).toBe("Agent Smith, Support");
    expect(await findSignature(t.site, "plain@example.test", account)).toBe("The Support Team");
    expect(await findSignature(t.site, "Administrator", { ...account, add_signature: 0 })).toBe("");
  });

  it("appends once, keeping a plain signature's lines; plain content becomes HTML first", () => {
    expect(appendSignature("<p>Hi</p>", "Regards\nJane")).toBe('<p>Hi</p><br><div class="signature">Regards<br>Jane</div>');
    expect(appendSignature("<p>Hi</p><p>Regards<br>Jane</p>", "Regards\nJane")).toBe("<p>Hi</p><p>Regards<br>Jane</p>");
    expect(appendSignature("Hi <there>", "<b>Jane</b>")).toBe('<div>Hi &lt;there&gt;</div><br><div class="signature"><b>Jane</b></div>');
    expect(appendSignature("x", "")).toBe("x");
  });
});
