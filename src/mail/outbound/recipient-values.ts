import { cint, cstr, type Doc } from "../../core/doc";
import { ConfigError } from "../../errors";
import { bareAddress } from "./addresses";
import type { OutboundConfig } from "./outbound-config";
import { type RecipientValues, hasPlaceholder } from "./personalise";
import { PLACEHOLDERS, unsubscribeUrl } from "./unsubscribe";

/** Open tracking (S13): the pixel URL Frappe's `mark_email_as_seen` answers. */
export function trackerUrl(siteUrl: string, communication: string): string {
  return `${siteUrl}/api/method/frappe.core.doctype.communication.email.mark_email_as_seen?name=${encodeURIComponent(communication)}`;
}

function extraParams(row: Doc): Record<string, string> | undefined {
  const text = cstr(row.unsubscribe_param).trim();
  if (!text.startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, cstr(value)]));
  } catch {
    return undefined;
  }
}

/**
 * What one recipient's copy of a queue row gets (Frappe's `SendMailContext`): the To header when
 * recipients are not exposed, a signed unsubscribe URL when the message has a link, the tracking
 * pixel when the account tracks and the row belongs to a Communication, the "sent to" line.
 */
export function recipientValues(row: Doc, account: Doc, recipient: string, config: OutboundConfig): RecipientValues {
  const message = cstr(row.message);
  const expose = cstr(row.expose_recipients);
  let url = "";
  if (cint(row.add_unsubscribe_link) && cstr(row.reference_doctype) && hasPlaceholder(message, PLACEHOLDERS.unsubscribeUrl)) {
    if (!config.secret) throw new ConfigError("No site secret to sign unsubscribe links: set FEA_SITE_SECRET (Frappe's site config `secret`)");
    url = unsubscribeUrl(
      {
        siteUrl: config.siteUrl,
        method: cstr(row.unsubscribe_method),
        email: bareAddress(recipient),
        referenceDoctype: cstr(row.reference_doctype),
        referenceName: cstr(row.reference_name),
        ...(extraParams(row) ? { extra: extraParams(row) } : {}),
      },
      config.secret,
    );
  }
  const communication = cstr(row.communication);
  const tracker = cint(account.track_email_status) && communication ? `<img src="${trackerUrl(config.siteUrl, communication)}"/>` : "";
  let ccMessage = "";
  if (expose === "footer") {
    const cc = cstr(row.show_as_cc).split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
    const recipients = ((row.recipients as Doc[] | undefined) ?? []).map((entry) => cstr(entry.recipient));
    const to = recipients.filter((entry) => !cc.includes(entry)).map(bareAddress);
    ccMessage = `This email was sent to ${to.join(", ")}${cc.length > 0 ? ` and copied to ${cc.map(bareAddress).join(", ")}` : ""}`;
  }
  return { recipient: expose === "header" ? "" : recipient, unsubscribeUrl: url, trackerHtml: tracker, ccMessage };
}
