import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import type { CursorStore } from "./cursor-store";
import { FileCursorStore } from "./file-cursor-store";
import { SiteCursorStore } from "./site-cursor-store";

export interface CursorStoreChoice {
  /** Decides the state folder of a remote site's cursor file (`FEA_STATE_DIR`, `XDG_STATE_HOME`, `HOME`); default `process.env`. */
  env?: Record<string, string | undefined>;
  log?: Logger;
}

/**
 * The store a site's pull uses: the IMAP Folder rows on the embedded site, which writes those
 * columns directly; a file on this machine for a remote Frappe site, whose only way to change a
 * child row over REST (`frappe.client.set_value`) saves the whole Email Account — its validation
 * logs in to the mail servers from the Frappe server and its `modified` moves — after every mail.
 */
export function cursorStoreFor(site: Site, choice: CursorStoreChoice = {}): CursorStore {
  if (site.kind === "local") return new SiteCursorStore(site);
  return new FileCursorStore({ siteUrl: site.label, ...(choice.env ? { env: choice.env } : {}), ...(choice.log ? { log: choice.log } : {}) });
}
