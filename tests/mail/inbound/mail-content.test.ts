import { mailBodies, replaceCidReferences, skippedAttachmentsHtml, skippedAttachmentsText, storedContent } from "../../../src/mail/inbound/mail-content";

const skipped = [{ filename: "a<b>.zip", contentType: "application/zip", size: 3 * 1024 * 1024, reason: "larger than the attachment limit of 1.0 MB" }];

describe("mail content (P11, P20)", () => {
  test("the HTML body wins; a text-only mail becomes escaped paragraphs; nothing at all is [Blank Email]", () => {
    expect(mailBodies({ html: "<p>h</p>", text: "t", forwarded: [] })).toEqual({ html: "<p>h</p>", text: "t" });
    expect(mailBodies({ text: "a < b\nc", forwarded: [] })).toEqual({ html: "<p>a &lt; b<br>c</p>", text: "a < b\nc" });
    expect(mailBodies({ text: "", forwarded: [] })).toEqual({ html: "[Blank Email]", text: "" });
  });

  test("a forwarded mail adds <hr>, one <p> per header line (escaped) and its body, to HTML and text", () => {
    const bodies = mailBodies({
      text: "main",
      forwarded: [{ headerLines: ['From: "A" <a@x.org>', "Subject: S"], messageId: "f@x", text: "inner <text>" }],
    });
    expect(bodies.html).toBe('<p>main</p>\n<hr><p>From: &quot;A&quot; &lt;a@x.org&gt;</p>\n<p>Subject: S</p>\n<p>inner &lt;text&gt;</p>');
    expect(bodies.text).toBe('main\nFrom: "A" <a@x.org>\nSubject: S\ninner <text>');
  });

  test("cid: references become the stored files' URLs, also percent-encoded ones; unknown ones stay", () => {
    const urls = new Map([["img1@x", "/private/files/a b.png"]]);
    expect(replaceCidReferences('<img src="cid:img1@x"><img src="cid:img1%40x"><img src="cid:other@x">', urls)).toBe(
      '<img src="/private/files/a b.png"><img src="/private/files/a b.png"><img src="cid:other@x">',
    );
  });

  test("skipped attachments are listed escaped in HTML and as text lines", () => {
    expect(skippedAttachmentsHtml(skipped)).toBe(
      '\n<div class="fea-skipped-attachments"><p><strong>Attachments not stored:</strong></p><ul><li>a&lt;b&gt;.zip (3.0 MB, application/zip): larger than the attachment limit of 1.0 MB</li></ul></div>',
    );
    expect(skippedAttachmentsText(skipped)).toBe("\n\nAttachments not stored:\n- a<b>.zip (3.0 MB, application/zip): larger than the attachment limit of 1.0 MB");
    expect(skippedAttachmentsHtml([])).toBe("");
  });

  test("storedContent sanitises after replacing cid: and appends the note", () => {
    const html = storedContent({ html: '<img src="cid:i@x" onerror="x()"><script>x()</script>', text: "" }, new Map([["i@x", "/private/files/i.png"]]), skipped);
    expect(html.startsWith('<img src="/private/files/i.png" />\n<div class="fea-skipped-attachments">')).toBe(true);
  });
});
