import { resolveOutboundConfig } from "../../../src/mail/outbound/outbound-config";
import { recipientValues, trackerUrl } from "../../../src/mail/outbound/recipient-values";
import { ConfigError } from "../../../src/errors";

const config = resolveOutboundConfig({ siteHost: "erp.example.test", siteUrl: "https://erp.example.test", secret: "s" }, {});
const row = (fields: Record<string, unknown>) => ({
  doctype: "Email Queue",
  name: "q1",
  message: "Subject: x\r\n\r\n<!--unsubscribe_url-->",
  add_unsubscribe_link: 1,
  reference_doctype: "Lead",
  reference_name: "L-1",
  recipients: [
    { doctype: "Email Queue Recipient", recipient: "a@example.test" },
    { doctype: "Email Queue Recipient", recipient: "c@example.test" },
  ],
  show_as_cc: "c@example.test",
  ...fields,
});

describe("recipientValues", () => {
  it("the pixel only when the account tracks and the row belongs to a Communication (S13)", () => {
    const tracking = { doctype: "Email Account", track_email_status: 1 };
    expect(recipientValues(row({ communication: "c0ffee" }), tracking, "a@example.test", config).trackerHtml).toBe(
      `<img src="${trackerUrl("https://erp.example.test", "c0ffee")}"/>`,
    );
    expect(trackerUrl("https://erp.example.test", "c0ffee")).toBe("https://erp.example.test/api/method/frappe.core.doctype.communication.email.mark_email_as_seen?name=c0ffee");
    expect(recipientValues(row({}), tracking, "a@example.test", config).trackerHtml).toBe("");
    expect(recipientValues(row({ communication: "c0ffee" }), { doctype: "Email Account" }, "a@example.test", config).trackerHtml).toBe("");
  });

  it("a signed link for this recipient's bare address, with the extra parameters stored on the row", () => {
    const values = recipientValues(row({ unsubscribe_param: '{"list":"news"}' }), { doctype: "Email Account" }, "Ann <a@example.test>", config);
    expect(values.unsubscribeUrl).toMatch(/\?email=a%40example\.test&doctype=Lead&name=L-1&list=news&_signature=[0-9a-f]{128}$/);
    expect(values.recipient).toBe("Ann <a@example.test>");
  });

  it("no link without a placeholder; a link without a site secret is a configuration error", () => {
    expect(recipientValues(row({ message: "Subject: x\r\n\r\nbody" }), { doctype: "Email Account" }, "a@example.test", { ...config, secret: undefined }).unsubscribeUrl).toBe("");
    expect(() => recipientValues(row({}), { doctype: "Email Account" }, "a@example.test", { ...config, secret: undefined })).toThrow(ConfigError);
  });

  it("footer exposure: the 'sent to ... and copied to ...' line; header exposure: no To placeholder value", () => {
    expect(recipientValues(row({ expose_recipients: "footer" }), { doctype: "Email Account" }, "a@example.test", config).ccMessage).toBe(
      "This email was sent to a@example.test and copied to c@example.test",
    );
    expect(recipientValues(row({ expose_recipients: "header" }), { doctype: "Email Account" }, "a@example.test", config).recipient).toBe("");
  });
});
