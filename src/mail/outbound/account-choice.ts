import { cstr, type Doc } from "../../core/doc";
import type { Filters, Site } from "../../core/site";
import { OutgoingEmailError } from "../../errors";
import { bareAddress, formatAddress } from "./addresses";
import { cleanHeaderText } from "./header-safety";

const EMAIL_ACCOUNT = "Email Account";

/** S3's error where a queue row or a message needs an account and none fits. */
export const NO_OUTGOING_ACCOUNT = "Please setup default Email Account from Settings > Email Account";
/** S2's error for the desk composer's `make` with `send_email`. */
export const NO_ACCOUNT_FOR_COMMUNICATION =
  "Unable to send mail because of a missing email account. Please setup default Email Account from Settings > Email Account";

export interface OutgoingLookup {
  /** An account named by the caller (or stored on the queue row / Communication): used as it is. */
  emailAccount?: string | null;
  /** The sender text; its bare address is matched against `email_id`. */
  sender?: string | null;
  /** The reference DocType, matched against the account-level `append_to`. */
  referenceDoctype?: string | null;
}

/** The most recently modified account matching `filters` (Frappe's single-value lookup order). */
async function firstAccount(site: Site, filters: Filters): Promise<Doc | undefined> {
  const [row] = await site.getList(EMAIL_ACCOUNT, { filters, orderBy: "modified desc", limit: 1 });
  return row?.name ? site.get(EMAIL_ACCOUNT, String(row.name)) : undefined;
}

/**
 * S3 `find_outgoing`: the named account; else an outgoing account whose address is the sender's;
 * else an outgoing and incoming account whose account-level Append To is the reference DocType
 * (IMAP folder rows are not looked at, as in Frappe); else the default outgoing account.
 */
export async function findOutgoingAccount(site: Site, lookup: OutgoingLookup): Promise<Doc | undefined> {
  if (lookup.emailAccount) return site.get(EMAIL_ACCOUNT, lookup.emailAccount);
  const address = lookup.sender ? bareAddress(lookup.sender) : "";
  if (address) {
    const bySender = await firstAccount(site, { enable_outgoing: 1, email_id: address });
    if (bySender) return bySender;
  }
  if (lookup.referenceDoctype) {
    const byDoctype = await firstAccount(site, { enable_outgoing: 1, enable_incoming: 1, append_to: lookup.referenceDoctype });
    if (byDoctype) return byDoctype;
  }
  return firstAccount(site, { enable_outgoing: 1, default_outgoing: 1 });
}

/** `find_outgoing(_raise_error=True)`. */
export async function requireOutgoingAccount(site: Site, lookup: OutgoingLookup, message: string = NO_OUTGOING_ACCOUNT): Promise<Doc> {
  const account = await findOutgoingAccount(site, lookup);
  if (!account) throw new OutgoingEmailError(message, { doctype: EMAIL_ACCOUNT });
  return account;
}

/**
 * S4 `find_incoming`, whose address becomes the Reply-To of communication mail: an incoming account
 * with the sender's address; else one whose Append To is the reference DocType; else the default
 * incoming account.
 */
export async function findIncomingAccount(site: Site, lookup: Omit<OutgoingLookup, "emailAccount">): Promise<Doc | undefined> {
  const address = lookup.sender ? bareAddress(lookup.sender) : "";
  if (address) {
    const bySender = await firstAccount(site, { enable_incoming: 1, email_id: address });
    if (bySender) return bySender;
  }
  if (lookup.referenceDoctype) {
    const byDoctype = await firstAccount(site, { enable_incoming: 1, append_to: lookup.referenceDoctype });
    if (byDoctype) return byDoctype;
  }
  return firstAccount(site, { enable_incoming: 1, default_incoming: 1 });
}

/** The account's name as a display name, cleaned so a record field cannot inject a header. */
export function accountDisplayName(account: Doc): string {
  return cleanHeaderText(cstr(account.name)).trim();
}

/** `EmailAccount.default_sender`: `{account name} <{email_id}>`, RFC 5322 formatted. */
export function defaultSender(account: Doc): string {
  return formatAddress(accountDisplayName(account), cstr(account.email_id).trim());
}
