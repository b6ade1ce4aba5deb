import path from "node:path";
import type { HookRegistry } from "../core/hook-registry";
import type { Logger } from "../core/logger";
import type { Site } from "../core/site";
import { ConfigError } from "../errors";
import { openLocalSite } from "../open-site";
import type { LocalSite } from "../site/local-site";
import { isSiteUrl, openRemoteSite } from "../site/remote";
import { ledgerFileFor, SyncLedger } from "./sync-ledger";

export interface OpenSyncSitesOptions {
  /** The other site: the http(s) URL of a Frappe site, or another site file. */
  remote: string;
  /** The embedded site file records are copied into and from. */
  localFile: string;
  /** Relative file paths resolve against this folder. */
  cwd: string;
  /** Where the remote site's API credentials are read from (FRAPPE_API_KEY / FRAPPE_API_SECRET, the credentials file). */
  env: Record<string, string | undefined>;
  /** The local site's hooks (the app's, plus a developer's). */
  hooks?: HookRegistry;
  log: Logger;
}

export interface SyncSites {
  local: LocalSite;
  remote: Site;
  /** Kept next to the local site file, one section per remote site. */
  ledger: SyncLedger;
  close(): Promise<void>;
}

/**
 * Opens the two sites of a sync. The local one never dials a mail server while copying: records
 * arrive already checked by the site they come from, and a record sent is checked without live
 * logins before it leaves.
 */
export function openSyncSites(options: OpenSyncSitesOptions): SyncSites {
  const localFile = path.resolve(options.cwd, options.localFile);
  const remoteIsUrl = isSiteUrl(options.remote);
  if (!remoteIsUrl && path.resolve(options.cwd, options.remote) === localFile) {
    throw new ConfigError(`the site to sync with and the local site are the same file (${localFile}); name the other site with --site`);
  }
  const local = openLocalSite({ file: localFile, log: options.log, flags: { noConnect: true }, ...(options.hooks ? { hooks: options.hooks } : {}) });
  let remote: Site | undefined;
  let ledger: SyncLedger;
  try {
    remote = remoteIsUrl
      ? openRemoteSite({ url: options.remote, env: options.env, log: options.log })
      : openLocalSite({ file: path.resolve(options.cwd, options.remote), log: options.log, flags: { noConnect: true } });
    ledger = SyncLedger.open(ledgerFileFor(local.label), remote.label);
  } catch (err) {
    void remote?.close();
    void local.close();
    throw err;
  }
  const opened: Site = remote;
  return {
    local,
    remote: opened,
    ledger,
    close: async () => {
      await opened.close();
      await local.close();
    },
  };
}
