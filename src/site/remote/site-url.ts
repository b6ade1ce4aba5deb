import { ConfigError } from "../../errors";

const REMOTE_URL = /^https?:\/\//i;

/** True for what names a remote site (`http://` or `https://`), as opposed to a site file path. */
export function isSiteUrl(value: string): boolean {
  return REMOTE_URL.test(value.trim());
}

/**
 * The site's URL as the connector uses it and shows it: scheme, host, port and path, no trailing
 * slash. Credentials in the URL are refused (and not echoed): a URL ends up in shell history, logs
 * and process lists; the key pair belongs in the environment or the credentials file.
 */
export function parseSiteUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError("the site URL is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(`the site URL must start with http:// or https:// (got ${url.protocol})`);
  if (url.username !== "" || url.password !== "") {
    throw new ConfigError(
      `the site URL must not hold credentials (${url.protocol}//${url.host}); set FRAPPE_API_KEY and FRAPPE_API_SECRET, or use the credentials file`,
    );
  }
  if (url.search !== "" || url.hash !== "") throw new ConfigError(`the site URL must not have a query or a fragment (${url.origin}${url.pathname})`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
