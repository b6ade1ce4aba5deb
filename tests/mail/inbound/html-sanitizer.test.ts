import { escapeHtml, plainTextToHtml, sanitizeMailHtml } from "../../../src/mail/inbound/html-sanitizer";

describe("sanitizeMailHtml", () => {
  test.each([
    ["<img src=x onerror=alert(1)>", '<img src="x" />'],
    ['<a href="javascript:alert(1)">x</a>', "<a>x</a>"],
    ['<a href="JaVaScRiPt&colon;alert(1)">x</a>', "<a>x</a>"],
    ['<a href=" javascript:alert(1)">x</a>', "<a>x</a>"],
    ['<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "<a>x</a>"],
    ["<svg onload=alert(1)><circle r=1></circle></svg>", ""],
    ["<script>alert(1)</script>after", "after"],
    ["<style>body{}</style>after", "after"],
    ["<iframe src=https://evil.example></iframe>after", "after"],
    ['<object data="x.swf"></object><embed src="x.swf">after', "after"],
    ['<form action="https://evil.example"><input name=password><button>go</button></form>', "go"],
    ['<div onclick="steal()" onmouseover="steal()">hi</div>', "<div>hi</div>"],
    ['<p style="color:red;background-image:url(https://tracker.example/p.gif)">x</p>', '<p style="color:red">x</p>'],
    ['<p style="width: expression(alert(1))">x</p>', "<p>x</p>"],
    ["<title>Title text</title><p>body</p>", "<p>body</p>"],
    ["<math><mi xlink:href=javascript:alert(1)>x</mi></math>", "x"],
    ['<img src="data:image/png;base64,iVBORw0KGgo=">', '<img src="data:image/png;base64,iVBORw0KGgo=" />'],
    ['<a href="data:image/png;base64,AAAA">x</a>', "<a>x</a>"],
    ['<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">x', "x"],
  ])("%s", (dirty, clean) => {
    expect(sanitizeMailHtml(dirty)).toBe(clean);
  });

  test("normal formatting, links, images, tables and inline cid: images are kept", () => {
    const html =
      '<p style="text-align:center;color:#333"><b>Bold</b> <i>it</i> <u>u</u> <font color="red">f</font></p>' +
      '<a href="https://example.org/x?a=1&amp;b=2" title="t">link</a> <a href="mailto:a@b.org">mail</a>' +
      '<img src="cid:logo@x" alt="logo" width="10"><img src="https://example.org/i.png">' +
      '<table border="1" cellpadding="2"><tr><th colspan="2">h</th></tr><tr><td valign="top">c</td></tr></table>' +
      "<ul><li>one</li></ul><blockquote>q</blockquote><pre>code</pre><hr><br>";
    expect(sanitizeMailHtml(html)).toBe(
      '<p style="text-align:center;color:#333"><b>Bold</b> <i>it</i> <u>u</u> <font color="red">f</font></p>' +
        '<a href="https://example.org/x?a=1&amp;b=2" title="t">link</a> <a href="mailto:a@b.org">mail</a>' +
        '<img src="cid:logo@x" alt="logo" width="10" /><img src="https://example.org/i.png" />' +
        '<table border="1" cellpadding="2"><tr><th colspan="2">h</th></tr><tr><td valign="top">c</td></tr></table>' +
        "<ul><li>one</li></ul><blockquote>q</blockquote><pre>code</pre><hr /><br />",
    );
  });

  test("a link opening a new window gets rel=noopener noreferrer", () => {
    expect(sanitizeMailHtml('<a href="https://x.org" target="_blank" rel="opener">x</a>')).toBe(
      '<a href="https://x.org" target="_blank" rel="noopener noreferrer">x</a>',
    );
  });
});

describe("plain text as HTML", () => {
  test("escapes markup, keeps line breaks and paragraphs", () => {
    expect(plainTextToHtml('Hi <script>alert("x")</script> & co\r\nline 2\n\n\nnext')).toBe(
      "<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co<br>line 2</p>\n<p>next</p>",
    );
    expect(plainTextToHtml("  \n ")).toBe("");
  });

  test("the result survives sanitising unchanged in meaning: no element comes out of text", () => {
    expect(sanitizeMailHtml(plainTextToHtml("<img src=x onerror=alert(1)>"))).toBe("<p>&lt;img src=x onerror=alert(1)&gt;</p>");
  });

  test("escapeHtml escapes the five characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
