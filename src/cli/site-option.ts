import path from "node:path";
import type { HookRegistry } from "../core/hook-registry";
import type { Logger } from "../core/logger";
import { ConfigError } from "../errors";
import { createMailContext } from "../mail/connect";
import { trustFromEnvironment } from "../mail/connect/trust-from-env";
import { DEFAULT_SITE_FILE, openLocalSite } from "../open-site";
import type { LocalSite } from "../site/local-site";
import { isSiteUrl, openRemoteSite, parseSiteUrl, type RemoteSite } from "../site/remote";

/** `--site`: a site file path (default in the working folder) or the URL of a running Frappe site. */
export type SiteTarget = { kind: "local"; file: string } | { kind: "remote"; url: string };

/** What the CLI's commands work on: the embedded site or a Frappe site over REST. */
export type CliSite = LocalSite | RemoteSite;

/**
 * Reads `--site`; without it, `FRAPPE_URL` from the environment names a remote site, else the
 * default site file is used. A URL must not carry credentials (they come from the environment or
 * the credentials file, never the command line).
 */
export function resolveSiteTarget(site: string | undefined, cwd: string, env: Record<string, string | undefined> = {}): SiteTarget {
  if (site === undefined && env.FRAPPE_URL) {
    if (!isSiteUrl(env.FRAPPE_URL)) throw new ConfigError("FRAPPE_URL must be the http:// or https:// URL of a Frappe site");
    return { kind: "remote", url: parseSiteUrl(env.FRAPPE_URL) };
  }
  const value = site ?? DEFAULT_SITE_FILE;
  if (isSiteUrl(value)) return { kind: "remote", url: parseSiteUrl(value) };
  if (value.trim() === "") throw new ConfigError("--site needs a file path");
  return { kind: "local", file: path.resolve(cwd, value) };
}

export interface OpenSiteOptions {
  site: string | undefined;
  cwd: string;
  hooks: HookRegistry;
  log: Logger;
  /** The CLI's environment: NODE_EXTRA_CA_CERTS there adds a CA the connection tests trust. */
  env?: Record<string, string | undefined>;
  /** `--hooks` as given: refused for a remote site, whose own apps run its hooks. */
  hooksOption?: string;
}

/**
 * Opens (creating on first use) the site `--site` names, with the real mail engine attached, so
 * saves test their logins against the servers (`--no-connect` skips that). The caller closes it.
 */
export function openSiteFromOption(options: OpenSiteOptions): CliSite {
  const target = resolveSiteTarget(options.site, options.cwd, options.env);
  if (target.kind === "remote") {
    if (options.hooksOption) {
      throw new ConfigError("--hooks works with a local site only: a Frappe site runs the hooks of its own apps (add them to an app's hooks.py there)");
    }
    return openRemoteSite({ url: target.url, env: options.env ?? process.env, log: options.log });
  }
  const env = options.env ?? {};
  // FEA_MAIL_ENGINE=off: no mail engine; connection tests are reported as skipped (made-up hosts in tests, dry setups).
  const mail = env[MAIL_ENGINE_ENV] === "off" ? undefined : createMailContext({ log: options.log, tls: trustFromEnvironment(env) });
  return openLocalSite({ file: target.file, hooks: options.hooks, log: options.log, ...(mail ? { mail } : {}) });
}

/** The environment variable that turns the CLI's mail engine off (`FEA_MAIL_ENGINE=off`). */
export const MAIL_ENGINE_ENV = "FEA_MAIL_ENGINE";
