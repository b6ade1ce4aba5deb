import path from "node:path";
import { CONTROLLER_METHODS, CONTROLLERS } from "../controllers";
import { createHookRegistry } from "../hooks";
import type { RunFlags } from "./core/context";
import type { HookRegistry } from "./core/hook-registry";
import type { Logger } from "./core/logger";
import type { MailContext } from "./core/mail-context";
import { loadMetaRegistry } from "./schema/doctype-loader";
import { LocalSite } from "./site/local-site";
import { ensureStandardRecords } from "./site/standard-records";
import { openSqliteStore } from "./site/local/sqlite-store";

/** The site file used when no `--site` is given: in the working directory. */
export const DEFAULT_SITE_FILE = "frappe-email-account.sqlite";

export interface OpenLocalSiteOptions {
  /** Path of the SQLite file; created with its key file on first use. */
  file?: string;
  hooks?: HookRegistry;
  mail?: MailContext;
  log?: Logger;
  flags?: RunFlags;
  now?: () => Date;
}

/** Opens (and on first use creates) the embedded site, wired with this app's controllers and hooks. */
export function openLocalSite(options: OpenLocalSiteOptions = {}): LocalSite {
  const file = path.resolve(options.file ?? DEFAULT_SITE_FILE);
  const meta = loadMetaRegistry();
  const store = openSqliteStore({ file, meta, ...(options.now ? { now: options.now } : {}) });
  ensureStandardRecords(store);
  return new LocalSite({
    store,
    meta,
    controllers: CONTROLLERS,
    methods: CONTROLLER_METHODS,
    hooks: options.hooks ?? createHookRegistry(),
    label: file,
    filesDir: `${file.replace(/\.sqlite$/, "")}-files`,
    ...(options.mail ? { mail: options.mail } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.flags ? { flags: options.flags } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
