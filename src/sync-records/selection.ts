import type { FilterCondition, Site } from "../core/site";
import { InputError } from "../errors";
import type { SyncDoctype } from "./sync-doctypes";

/** Which records a `pull`, `push` or `diff` covers. */
export interface SyncSelection {
  doctypes: SyncDoctype[];
  /** Only these Email Accounts, the Email Domains they use, and the mail filed under them. */
  accounts?: string[];
  /** Only mail from this moment on (`YYYY-MM-DD HH:MM:SS`, the site's own clock): a Communication's date, an Unhandled Email's creation. */
  since?: string;
}

/** Conditions for a list of one DocType; `"none"` when the selection leaves no record of it. */
export type SelectionFilters = FilterCondition[] | "none";

const SINCE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** `--since 2024-03-01` or `2024-03-01 08:30[:00]`: the naive date-time a Frappe site stores (no time zone). */
export function parseSince(value: string): string {
  const match = SINCE.exec(value.trim());
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = match ?? [];
  const date = match ? new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))) : undefined;
  const valid =
    date !== undefined &&
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) &&
    date.getUTCHours() === Number(h) &&
    date.getUTCMinutes() === Number(mi) &&
    date.getUTCSeconds() === Number(s);
  if (!valid) throw new InputError(`--since must be a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM[:SS]), got "${value}"`);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** The Email Domains the selected accounts use, as `site` stores them. */
async function domainsOf(site: Site, accounts: string[]): Promise<string[]> {
  const rows = await site.getList("Email Account", { fields: ["name", "domain"], filters: [["name", "in", accounts]], limit: 0 });
  return [...new Set(rows.map((row) => (typeof row.domain === "string" ? row.domain : "")).filter((domain) => domain !== ""))];
}

/** The list conditions of `selection` for `doctype` on `site` (the domains of the accounts are read from `site`). */
export async function selectionFilters(site: Site, doctype: SyncDoctype, selection: SyncSelection): Promise<SelectionFilters> {
  const accounts = selection.accounts && selection.accounts.length > 0 ? selection.accounts : undefined;
  const since = selection.since;
  switch (doctype) {
    case "Email Domain": {
      if (!accounts) return [];
      const domains = await domainsOf(site, accounts);
      return domains.length === 0 ? "none" : [["name", "in", domains]];
    }
    case "Email Account":
      return accounts ? [["name", "in", accounts]] : [];
    case "Communication":
      return [...(accounts ? [["email_account", "in", accounts] as FilterCondition] : []), ...(since ? [["communication_date", ">=", since] as FilterCondition] : [])];
    case "Unhandled Email":
      return [...(accounts ? [["email_account", "in", accounts] as FilterCondition] : []), ...(since ? [["creation", ">=", since] as FilterCondition] : [])];
  }
}
