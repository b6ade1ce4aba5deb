import { htmlToText } from "../../../src/mail/outbound/html-text";
import { contentAsHtml } from "../../../src/mail/outbound/html-body";

describe("htmlToText", () => {
  it("keeps paragraphs, line breaks and link targets, decodes entities, drops styles", () => {
    const html = '<style>p{color:red}</style><p>Hello &amp; welcome,</p><p>see <a href="https://x.test/a">our page</a><br>Bye &#x263A;</p>';
    expect(htmlToText(html)).toBe("Hello & welcome,\n\nsee our page (https://x.test/a)\nBye \u263a");
  });
});

describe("contentAsHtml", () => {
  it("escapes plain text and keeps its lines; HTML passes as it is", () => {
    expect(contentAsHtml("a < b\nc")).toBe("a &lt; b<br>\nc");
    expect(contentAsHtml("<p>x</p>")).toBe("<p>x</p>");
  });
});
