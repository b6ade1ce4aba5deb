import { isBlankHtml, renderPlaceholders } from "../../../src/mail/jobs/placeholder-template";

const communication = {
  doctype: "Communication",
  name: "COMM-0001",
  subject: "Printer <broken>",
  sender: "jane@customer.test",
  reference_doctype: "Issue",
  reference_name: "ISS-2024-00007",
  uid: 42,
  cc: null,
  timeline_links: [{ doctype: "Communication Link" }],
};

describe("renderPlaceholders", () => {
  test("fills {{ field }} with the Communication's values, with or without spaces", () => {
    const out = renderPlaceholders("<p>We got {{ subject }} as {{name}} ({{ doctype }}); Reference: {{ reference_doctype }} {{  reference_name  }}</p>", communication);
    expect(out).toEqual({ text: "<p>We got Printer &lt;broken&gt; as COMM-0001 (Communication); Reference: Issue ISS-2024-00007</p>", unsupported: [] });
  });

  test("escapes values as HTML, so a sender's subject cannot add markup to the reply", () => {
    expect(renderPlaceholders("{{ subject }}", { subject: `<script>alert("x")</script>` }).text).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  test("an unknown field, an empty value or a child table gives an empty text; a number is written as is", () => {
    expect(renderPlaceholders("[{{ nope }}|{{ cc }}|{{ timeline_links }}|{{ uid }}]", communication)).toEqual({ text: "[|||42]", unsupported: [] });
  });

  test('{{ _("text") }} gives the text itself, with either quote', () => {
    expect(renderPlaceholders(`{{ _("Thank you") }} / {{ _('We\\'ll reply') }}`, {}).text).toBe("Thank you / We'll reply");
  });

  test("comments are removed; statements and expressions it does not support are left out and reported", () => {
    const out = renderPlaceholders("A{# note #}B{% if subject %}C{% endif %}D{{ subject | upper }}E{{ frappe.db.sql('x') }}F", communication);
    expect(out.text).toBe("ABCDEF");
    expect(out.unsupported).toEqual(["{% if subject %}", "{% endif %}", "{{ subject | upper }}", "{{ frappe.db.sql('x') }}"]);
  });

  test("a field name that is not an own value (e.g. constructor) renders nothing", () => {
    expect(renderPlaceholders("{{ constructor }}{{ __proto__ }}", {}).text).toBe("");
  });

  test("text without tags comes back unchanged", () => {
    expect(renderPlaceholders("<p>Plain {text} here</p>", communication)).toEqual({ text: "<p>Plain {text} here</p>", unsupported: [] });
  });
});

describe("isBlankHtml", () => {
  test.each([["", true], ["   ", true], ["<p><br></p>", true], ['<div class="ql-editor read-mode"><p>&nbsp;</p></div>', true], ["<p>Hi</p>", false], ['<p><img src="/logo.png"></p>', false]])(
    "%j -> %s",
    (html, blank) => {
      expect(isBlankHtml(html)).toBe(blank);
    },
  );
});
