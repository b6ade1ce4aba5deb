import type { Logger } from "./logger";
import type { MailContext } from "./mail-context";
import type { MetaRegistry } from "./meta-registry";
import type { Site, SiteMessage } from "./site";

/** Per-run switches, like Frappe's `frappe.flags`. */
export interface RunFlags {
  /** Skip live logins in connection tests (`validate --no-connect`). */
  noConnect?: boolean;
  /** Frappe's `frappe.flags.in_install`: set while fixtures are laid down on a new site. */
  inInstall?: boolean;
}

/** Everything a controller or hook may use. Controllers reach records and the network only through this. */
export interface DocumentContext {
  readonly site: Site;
  readonly meta: MetaRegistry;
  readonly mail: MailContext;
  readonly log: Logger;
  readonly flags: RunFlags;
  /** The session user ("Administrator" for the CLI), as Frappe's `frappe.session.user`. */
  readonly user: string;
  now(): Date;
  /** Frappe's non-raising `msgprint`: collected and returned with the write. */
  msgprint(message: string, options?: Omit<SiteMessage, "message">): void;
}
