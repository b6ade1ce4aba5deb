import addressparser from "nodemailer/lib/addressparser";
import { cint, cstr, type Doc } from "../../core/doc";
import { type NamedAddress, assertValidAddress, formatAddress, parseAddr } from "./addresses";
import { accountDisplayName } from "./account-choice";

export interface RewrittenSender {
  /** The From header as stored on the queue row (`sender`). */
  text: string;
  /** The same, split for the MIME builder. */
  from: NamedAddress;
  /** `X-Original-From`: the sender before an account flag rewrote it. */
  originalFrom?: string;
}

/** Name and address of a formatted sender, read the way the MIME builder will read it. */
function split(text: string): NamedAddress {
  const [first] = addressparser(text, { flatten: true });
  return { name: first?.name ?? "", address: first?.address ?? text };
}

/**
 * S8 steps 2-5 (`EMail.replace_sender`, `replace_sender_name`), with an already non-empty sender:
 * - `always_use_account_email_id_as_sender`: the account's address, the sender's display name kept
 *   (Frappe's `parse_addr` name: the address itself when the sender had no name) — so a reply from
 *   "Jane <jane@customer.test>" through Support goes out as "Jane <support@…>";
 * - then `always_use_account_name_as_sender_name`: the account's name, the address kept.
 * Both flags give `{account name} <{account email_id}>`. `X-Original-From` keeps the sender as
 * given (Frappe overwrites it with the half-rewritten value when both flags are on; we keep the original).
 */
export function rewriteSender(sender: string, account: Doc): RewrittenSender {
  assertValidAddress(sender.trim(), "sender");
  let text = sender.trim();
  let changed = false;
  if (cint(account.always_use_account_email_id_as_sender)) {
    const { name } = parseAddr(text);
    text = formatAddress(name || accountDisplayName(account), cstr(account.email_id).trim());
    changed = true;
  }
  if (cint(account.always_use_account_name_as_sender_name)) {
    const { address } = parseAddr(text);
    text = formatAddress(accountDisplayName(account), address);
    changed = true;
  }
  return { text, from: split(text), ...(changed ? { originalFrom: sender.trim() } : {}) };
}
