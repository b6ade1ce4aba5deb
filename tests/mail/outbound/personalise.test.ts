import { simpleParser } from "mailparser";
import { buildQueuedMime } from "../../../src/mail/outbound/mime-message";
import { hasPlaceholder, personalise } from "../../../src/mail/outbound/personalise";
import { InvalidEmailAddressError } from "../../../src/errors";

const base = {
  from: { name: "Support", address: "support@example.test" },
  to: ["Jane <jane@example.test>"],
  cc: [],
  subject: "Hello",
  messageId: "<1.2.3@site.test>",
  date: new Date(0),
  headers: [{ key: "X-Frappe-Site", value: "https://site.test" }],
};

describe("personalise: one recipient's copy of a queued message", () => {
  it("fills a To placeholder when recipients are not exposed, and encodes a non-ASCII name", async () => {
    const queued = await buildQueuedMime({ ...base, html: "<p>Hi</p>", text: "Hi", listUnsubscribe: false });
    expect(queued).toMatch(/^To: <!--recipient-->$/m);
    const copy = personalise(queued, { recipient: "Jürgen <j@example.test>", unsubscribeUrl: "", trackerHtml: "", ccMessage: "" });
    const parsed = await simpleParser(copy);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([{ name: "Jürgen", address: "j@example.test" }]);
  });

  it("puts the raw URL in List-Unsubscribe and a quoted-printable one in the bodies, even when the encoder split the placeholder", async () => {
    const longLine = `<p>${"x".repeat(70)}<!--unsubscribe_url--></p>`;
    const queued = await buildQueuedMime({ ...base, exposeRecipients: "header", html: longLine, text: "Leave:\n<!--unsubscribe_url-->", listUnsubscribe: true });
    // The encoder wrapped that line inside the placeholder.
    expect(queued).not.toContain("<!--unsubscribe_url--></p>");
    expect(hasPlaceholder(queued, "<!--unsubscribe_url-->")).toBe(true);
    const url = "https://site.test/api/method/frappe.email.queue.unsubscribe?email=jane%40example.test&doctype=Lead&name=L-1&_signature=abc";
    const copy = personalise(queued, { recipient: "", unsubscribeUrl: url, trackerHtml: "", ccMessage: "" });
    expect(copy).not.toContain("<!--unsubscribe");
    const parsed = await simpleParser(copy);
    expect(parsed.headers.get("list")).toEqual({ unsubscribe: { url }, "unsubscribe-post": { name: "List-Unsubscribe=One-Click" } });
    expect(copy).toMatch(new RegExp(`^List-Unsubscribe: <${url.replace(/[.?]/g, "\\$&")}>$`, "m"));
    expect(parsed.html).toContain(`${"x".repeat(70)}${url}</p>`);
    expect(parsed.text).toContain(url);
  });

  it("puts the tracking pixel in the HTML part", async () => {
    const queued = await buildQueuedMime({ ...base, exposeRecipients: "header", html: "<p>Hi</p>\n<!--email_open_check-->", text: "Hi", listUnsubscribe: false });
    const pixel = '<img src="https://site.test/api/method/frappe.core.doctype.communication.email.mark_email_as_seen?name=abc"/>';
    const parsed = await simpleParser(personalise(queued, { recipient: "", unsubscribeUrl: "", trackerHtml: pixel, ccMessage: "" }));
    expect(parsed.html).toContain(pixel);
  });

  it("drops the List-Unsubscribe headers when the row no longer carries a link", async () => {
    const queued = await buildQueuedMime({ ...base, exposeRecipients: "header", html: "<p>Hi</p>", text: "Hi", listUnsubscribe: true });
    const copy = personalise(queued, { recipient: "", unsubscribeUrl: "", trackerHtml: "", ccMessage: "" });
    expect(copy).not.toMatch(/^List-Unsubscribe/im);
    expect(queued).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect((await simpleParser(copy)).subject).toBe("Hello");
  });

  it("refuses a recipient that would inject a header", async () => {
    const queued = await buildQueuedMime({ ...base, html: "<p>Hi</p>", text: "Hi", listUnsubscribe: false });
    expect(() => personalise(queued, { recipient: "a@example.test\r\nBcc: evil@example.test", unsubscribeUrl: "", trackerHtml: "", ccMessage: "" })).toThrow(
      InvalidEmailAddressError,
    );
  });
});
