import type { MetaRegistry } from "../../core/meta-registry";
import { loadMetaRegistry } from "../../schema/doctype-loader";
import { type ApiCredentials, loadCredentials } from "./credentials";
import type { RemoteClientOptions } from "./remote-client";
import { RemoteSite } from "./remote-site";
import { parseSiteUrl } from "./site-url";

export interface OpenRemoteSiteOptions extends Omit<RemoteClientOptions, "credentials"> {
  /** Given: used as is. Else from `FRAPPE_API_KEY` / `FRAPPE_API_SECRET` in `env`, else the credentials file. */
  credentials?: ApiCredentials;
  /** Where to look for credentials; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Default: this app's DocTypes, `loadMetaRegistry()`. */
  meta?: MetaRegistry;
  pageSize?: number;
}

/** Connects to a running Frappe site by URL. No request is made until the first call. */
export function openRemoteSite(options: OpenRemoteSiteOptions): RemoteSite {
  const url = parseSiteUrl(options.url);
  const credentials = options.credentials ?? loadCredentials({ env: options.env ?? process.env, siteUrl: url });
  return new RemoteSite({ ...options, url, credentials, meta: options.meta ?? loadMetaRegistry() });
}
