import path from "node:path";
import type { HookRegistry } from "../core/hook-registry";
import type { Logger } from "../core/logger";
import { ConfigError } from "../errors";
import { DEFAULT_SITE_FILE, openLocalSite } from "../open-site";
import type { LocalSite } from "../site/local-site";

/** `--site`: a site file path (default in the working folder) or, later, a site URL. */
export interface SiteTarget {
  kind: "local";
  file: string;
}

const URL_PATTERN = /^https?:\/\//i;

/** Reads `--site`; an http(s) URL is refused until the remote connector is wired in. */
export function resolveSiteTarget(site: string | undefined, cwd: string): SiteTarget {
  const value = site ?? DEFAULT_SITE_FILE;
  if (URL_PATTERN.test(value)) {
    throw new ConfigError(`remote sites are not supported yet (--site ${value.replace(/\/\/[^/@]*@/, "//")}); give a site file path`);
  }
  if (value.trim() === "") throw new ConfigError("--site needs a file path");
  return { kind: "local", file: path.resolve(cwd, value) };
}

export interface OpenSiteOptions {
  site: string | undefined;
  cwd: string;
  hooks: HookRegistry;
  log: Logger;
}

/** Opens (creating on first use) the site `--site` names. The caller closes it. */
export function openSiteFromOption(options: OpenSiteOptions): LocalSite {
  const target = resolveSiteTarget(options.site, options.cwd);
  return openLocalSite({ file: target.file, hooks: options.hooks, log: options.log });
}
