import { cstr, type Doc } from "../../core/doc";
import { escapeHtml } from "../../schema/email-address";
import type { OutboundConfig } from "./outbound-config";
import { PLACEHOLDERS } from "./unsubscribe";

/** A coloured title block above the content (Frappe's `header`: a title, or `[title, indicator colour]`). */
export type MailHeader = string | readonly [string, string?];

export interface HtmlBodyInput {
  subject: string;
  /** HTML, or plain text (a text not starting with "<" is escaped and its line breaks kept). */
  content: string;
  /** The sending account: its `footer` and `brand_logo`. */
  account: Doc;
  header?: MailHeader;
  /** Frappe's "with container": the styled frame with the brand logo. */
  withContainer?: boolean;
  /** A footer given by the caller, shown before the account's. */
  footer?: string;
  /** The unsubscribe block (`unsubscribeMessage().html`), when the mail carries a link. */
  unsubscribeHtml?: string;
}

/**
 * S10: the content in the standard e-mail frame. Frappe renders `content` as Markdown when it does
 * not start with "<"; we have no Markdown renderer, so such text is escaped and its lines kept.
 */
export function contentAsHtml(content: string): string {
  if (content.trim().startsWith("<")) return content;
  return escapeHtml(content).replace(/\r?\n/g, "<br>\n");
}

/** Frappe's `scrub_urls` for one URL: a site-relative path made absolute. */
function absoluteUrl(url: string, siteUrl: string): string {
  if (/^(https?:|data:|cid:)/i.test(url)) return url;
  return `${siteUrl}/${url.replace(/^\/+/, "")}`;
}

function headerBlock(header: MailHeader | undefined): string {
  if (!header) return "";
  const [title, indicator] = typeof header === "string" ? [header, undefined] : header;
  const colour = indicator ? ` style="border-left: 4px solid ${escapeHtml(indicator)}; padding-left: 8px"` : "";
  return `<div class="email-header"${colour}><h3>${escapeHtml(title || "Frappe")}</h3></div>\n`;
}

/**
 * The footer: the caller's, the account's Footer Content, the site's footer address, the
 * unsubscribe block, the open-tracking placeholder, the standard footer line. Placeholders sit on
 * lines of their own (see `unsubscribeMessage`).
 */
function footerBlock(input: HtmlBodyInput, config: Pick<OutboundConfig, "standardFooter" | "footerAddress">): string {
  const parts = [
    input.footer ?? "",
    cstr(input.account.footer) ? `<div class="email-account-footer">${cstr(input.account.footer)}</div>` : "",
    config.footerAddress ? `<div class="email-footer-address">${escapeHtml(config.footerAddress).replace(/\n/g, "<br>")}</div>` : "",
    input.unsubscribeHtml ?? "",
    PLACEHOLDERS.tracker,
    config.standardFooter ? `<div class="email-standard-footer">${config.standardFooter}</div>` : "",
  ];
  return parts.filter((part) => part !== "").join("\n");
}

/** `get_formatted_html`: the whole HTML part as queued (with placeholders). */
export function formattedHtml(input: HtmlBodyInput, config: Pick<OutboundConfig, "siteUrl" | "standardFooter" | "footerAddress">): string {
  const logo = cstr(input.account.brand_logo);
  // Frappe shows the brand logo only in the framed layout or under a header, never in plain communications.
  const brand =
    logo && (input.withContainer || input.header)
      ? `<div class="brand-logo"><a href="${escapeHtml(config.siteUrl)}" target="_blank"><img src="${escapeHtml(absoluteUrl(logo, config.siteUrl))}" alt="" height="40"></a></div>\n`
      : "";
  return [
    "<!DOCTYPE html>",
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtml(input.subject)}</title></head>`,
    `<body><div class="${input.withContainer ? "email-container" : "email-body"}">`,
    `${brand}${headerBlock(input.header)}<div class="email-content">\n${contentAsHtml(input.content)}\n</div>`,
    `<div class="email-footer">\n${footerBlock(input, config)}\n</div>`,
    "</div></body></html>",
  ].join("\n");
}
