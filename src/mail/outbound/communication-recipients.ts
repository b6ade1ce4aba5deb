import { cstr } from "../../core/doc";
import type { Site } from "../../core/site";
import { STANDARD_USERS, addressList, bareAddress } from "./addresses";

export interface CommunicationAddresses {
  to: string;
  cc?: string | null;
  bcc?: string | null;
  /** The Communication's sender address (bare). */
  senderAddress: string;
}

export interface CommunicationRecipients {
  to: string[];
  cc: string[];
  bcc: string[];
  /** Addresses named on the Communication that will not be mailed (Frappe's `emails_not_sent_to`). */
  notSentTo: string[];
}

const key = (entry: string) => bareAddress(entry).toLowerCase();

/** Users who switched off mail about threads they are in (`thread_notify` = 0), by lower-cased address. */
async function threadNotifyOff(site: Site, entries: readonly string[]): Promise<Set<string>> {
  const emails = [...new Set(entries.map(bareAddress).filter((entry) => entry !== ""))];
  if (emails.length === 0) return new Set();
  const users = await site.getList("User", { fields: ["email"], filters: [["email", "in", emails], ["thread_notify", "=", 0]], limit: 0 });
  return new Set(users.map((user) => cstr(user.email).toLowerCase()));
}

/** First spelling of each address (a display name, when one was given anywhere, wins). */
function withDisplayNames(entries: readonly string[], named: readonly string[]): string[] {
  const byAddress = new Map<string, string>();
  for (const entry of named) if (entry.includes("<") && !byAddress.has(key(entry))) byAddress.set(key(entry), entry);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const entry of entries) {
    if (seen.has(key(entry))) continue;
    seen.add(key(entry));
    out.push(byAddress.get(key(entry)) ?? entry);
  }
  return out;
}

/**
 * S6 (Frappe's `CommunicationEmailMixin`): To minus Administrator; CC plus the "send me a copy"
 * address (the user's own address, or for Administrator/Guest the Communication's sender), minus
 * people with thread notifications off, minus anyone already in To, minus the standard users;
 * BCC likewise. The copy goes to the *user*, not to the From address (v15; the user manual
 * describes the older "copy to From" behaviour).
 */
export async function communicationRecipients(
  site: Site,
  addresses: CommunicationAddresses,
  options: { sendMeACopy: boolean; user: string },
): Promise<CommunicationRecipients> {
  const named = [...addressList(addresses.to), ...addressList(addresses.cc ?? ""), ...addressList(addresses.bcc ?? "")];
  const to = withDisplayNames(addressList(addresses.to).filter((entry) => entry !== "Administrator"), named);
  const toKeys = new Set(to.map(key));

  const ccCandidates = addressList(addresses.cc ?? "");
  if (options.sendMeACopy) {
    let copy = addresses.senderAddress;
    if (!STANDARD_USERS.has(options.user) && (await site.exists("User", options.user))) {
      copy = cstr((await site.get("User", options.user)).email) || copy;
    }
    if (copy) ccCandidates.push(copy);
  }
  const bccCandidates = addressList(addresses.bcc ?? "");
  const muted = await threadNotifyOff(site, [...ccCandidates, ...bccCandidates]);
  const allowed = (entry: string) => !STANDARD_USERS.has(entry.trim()) && !muted.has(key(entry)) && !toKeys.has(key(entry));
  const cc = withDisplayNames(ccCandidates.filter(allowed), named);
  const ccKeys = new Set(cc.map(key));
  const bcc = withDisplayNames(bccCandidates.filter(allowed), named).filter((entry) => !ccKeys.has(key(entry)));

  const sent = new Set([...to, ...cc, ...bcc].map(key));
  const notSentTo = [...new Set(named.map(bareAddress).filter((entry) => entry !== "" && !sent.has(entry.toLowerCase())))];
  return { to, cc, bcc, notSentTo };
}
