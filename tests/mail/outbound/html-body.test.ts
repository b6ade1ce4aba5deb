import { formattedHtml } from "../../../src/mail/outbound/html-body";

const config = { siteUrl: "https://erp.example.test", standardFooter: "<span>Sent via test</span>" };
const account = { doctype: "Email Account", name: "Support", footer: "<p>Account footer</p>", brand_logo: "/files/logo.png" };

describe("formattedHtml (S10)", () => {
  it("frames the content with the account footer, the placeholders and the standard footer, in that order", () => {
    const html = formattedHtml({ subject: "Hi <you>", content: "<p>Body</p>", account, unsubscribeHtml: "<div>UNSUB</div>" }, config);
    expect(html).toContain("<title>Hi &lt;you&gt;</title>");
    const order = ["<p>Body</p>", "<p>Account footer</p>", "<div>UNSUB</div>", "\n<!--email_open_check-->\n", "<span>Sent via test</span>"].map((part) => html.indexOf(part));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("shows the brand logo, as an absolute URL, only with a container or a header (as Frappe)", () => {
    expect(formattedHtml({ subject: "S", content: "x", account }, config)).not.toContain("logo.png");
    const framed = formattedHtml({ subject: "S", content: "x", account, withContainer: true }, config);
    expect(framed).toContain('<img src="https://erp.example.test/files/logo.png" alt="" height="40">');
    expect(formattedHtml({ subject: "S", content: "x", account, header: ["Invoice", "green"] }, config)).toContain("https://erp.example.test/files/logo.png");
  });

  it("leaves the standard footer out when it is switched off, and escapes plain-text content", () => {
    const html = formattedHtml({ subject: "S", content: "1 < 2\nok", account: { doctype: "Email Account" } }, { ...config, standardFooter: null });
    expect(html).not.toContain("Sent via");
    expect(html).toContain("1 &lt; 2<br>\nok");
  });
});
