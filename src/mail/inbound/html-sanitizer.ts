import sanitizeHtml from "sanitize-html";

/**
 * CSS properties mail formatting relies on. A value may not load anything or run anything
 * (`url(`, `expression(`, `javascript:`, `@import`, `behavior`), so inline styles cannot fetch
 * trackers or smuggle script.
 */
const STYLE_PROPERTIES = [
  "color", "background-color", "font", "font-family", "font-size", "font-style", "font-weight", "font-variant",
  "text-align", "text-decoration", "text-indent", "text-transform", "vertical-align", "white-space", "word-wrap",
  "word-break", "line-height", "letter-spacing", "direction", "width", "max-width", "min-width", "height",
  "max-height", "min-height", "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding",
  "padding-top", "padding-right", "padding-bottom", "padding-left", "border", "border-top", "border-right",
  "border-bottom", "border-left", "border-color", "border-style", "border-width", "border-radius",
  "border-collapse", "border-spacing", "list-style-type", "display", "float", "clear", "table-layout",
];
const SAFE_STYLE_VALUE = /^(?!.*(?:url\s*\(|expression\s*\(|javascript:|vbscript:|@import|behavior|-moz-binding))[^<>]*$/i;

const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  "img", "font", "center", "del", "ins", "strike", "big", "tt",
];

const TABLE_ATTRIBUTES = ["align", "valign", "width", "height", "bgcolor", "colspan", "rowspan", "border", "cellpadding", "cellspacing"];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    "*": ["style", "class", "dir", "lang", "title", "align"],
    a: ["href", "name", "target", "rel"],
    img: ["src", "alt", "width", "height", "border"],
    font: ["color", "face", "size"],
    table: TABLE_ATTRIBUTES,
    td: TABLE_ATTRIBUTES,
    th: TABLE_ATTRIBUTES,
    tr: TABLE_ATTRIBUTES,
    col: ["span", "width"],
    colgroup: ["span", "width"],
    ol: ["start", "type"],
    li: ["value"],
  },
  allowedStyles: { "*": Object.fromEntries(STYLE_PROPERTIES.map((name) => [name, [SAFE_STYLE_VALUE]])) },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  // Inline images: `cid:` until the attachment is stored (then its file URL), or embedded data.
  allowedSchemesByTag: { img: ["http", "https", "cid", "data"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  // The text of these is dropped with the tag (a <title> would otherwise show up as body text).
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "xml", "template"],
  disallowedTagsMode: "discard",
  transformTags: {
    // A link that opens a new window must not hand that window a handle on this page.
    a: (tagName, attribs) =>
      attribs.target ? { tagName, attribs: { ...attribs, rel: "noopener noreferrer" } } : { tagName, attribs },
  },
};

/**
 * Mail HTML made safe to store and show (P17/P20): no script, style, iframe, object, embed, svg or
 * form elements, no `on*` handlers, no `javascript:` (or any non-web) URLs, no CSS that loads or
 * runs anything; ordinary formatting, images, links and tables are kept.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** HTML-escapes text for an element body or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * A plain-text body as HTML: escaped (a `<script>` in a text mail stays text), blank lines
 * separating paragraphs, single line breaks kept.
 */
export function plainTextToHtml(text: string): string {
  const normalised = text.replace(/\r\n?/g, "\n").trim();
  if (normalised === "") return "";
  return normalised
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}
