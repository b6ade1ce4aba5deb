import { ConfigError } from "../../errors";

/**
 * What the sending side needs to know about the site it sends for: Frappe reads these from the
 * site's config (`get_url()`, `frappe.local.site`, `conf.secret`) and System Settings.
 */
export interface OutboundConfig {
  /** The host in generated Message-IDs (Frappe's `frappe.local.site`). */
  siteHost: string;
  /** `get_url()`: base of the unsubscribe and open-tracking links, and the `X-Frappe-Site` header. */
  siteUrl: string;
  /** Signs unsubscribe links (Frappe's `conf.secret`). Only needed when a mail carries such a link. */
  secret?: string;
  /** The app's standard footer line (Frappe's `default_mail_footer` hook); null leaves it out ("Disable Standard Email Footer"). */
  standardFooter: string | null;
  /** System Settings "Email Footer Address": lines shown in every footer. */
  footerAddress?: string;
  /** System Settings "Email Retry Limit" (Frappe's default 3). */
  retryLimit: number;
}

export const DEFAULT_SITE_HOST = "frappe-email-account.local";
const DEFAULT_STANDARD_FOOTER = '<span>Sent via <a href="https://github.com/frappe/frappe" target="_blank">Frappe Email Account</a></span>';

/** A host name as it may appear after the "@" of a Message-ID and in a URL (no spaces, no angle brackets). */
const HOST_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d+)?$/;

/**
 * The config from explicit values, else the environment (`FEA_SITE_HOST`, `FEA_SITE_URL`,
 * `FEA_SITE_SECRET`), else the defaults. A host that could break a header is refused.
 */
export function resolveOutboundConfig(given: Partial<OutboundConfig> = {}, env: NodeJS.ProcessEnv = process.env): OutboundConfig {
  const siteHost = given.siteHost ?? (env.FEA_SITE_HOST || DEFAULT_SITE_HOST);
  if (!HOST_PATTERN.test(siteHost)) throw new ConfigError(`The site host ${JSON.stringify(siteHost)} is not a valid host name`);
  const siteUrl = (given.siteUrl ?? (env.FEA_SITE_URL || `https://${siteHost}`)).replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s<>"]+$/.test(siteUrl)) throw new ConfigError(`The site URL ${JSON.stringify(siteUrl)} is not a valid http(s) URL`);
  const secret = given.secret ?? (env.FEA_SITE_SECRET || undefined);
  return {
    siteHost,
    siteUrl,
    ...(secret ? { secret } : {}),
    standardFooter: given.standardFooter === undefined ? DEFAULT_STANDARD_FOOTER : given.standardFooter,
    ...(given.footerAddress ? { footerAddress: given.footerAddress } : {}),
    retryLimit: given.retryLimit ?? 3,
  };
}
