import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { findInvalidEmail } from "../../schema/email-address";
import type { MailSender } from "./append-to-document";
import type { ParsedMail } from "./parsed-mail";

/**
 * P11 sender: the address of `X-Original-From` (else `From`), unless a `Reply-To` is present whose
 * address is not one of this site's Email Accounts — then the Reply-To address; lower-cased. The
 * name is From's display name ("" when none, so the Communication controller looks it up from the
 * User or Contact, P18).
 */
export async function resolveSender(site: Site, mail: Pick<ParsedMail, "from" | "replyTo">): Promise<MailSender> {
  let address = mail.from?.address ?? "";
  const replyTo = mail.replyTo?.address ?? "";
  if (replyTo !== "" && (await site.count("Email Account", { email_id: replyTo })) === 0) address = replyTo;
  address = address.toLowerCase();
  const name = mail.from?.name ?? "";
  const fullName = name.toLowerCase() === address ? "" : name;
  // An address the site's Email check refuses (`root@localhost`) would fail the whole insert: the
  // mail is kept with an empty sender and the address as the name, rather than not at all.
  if (address !== "" && findInvalidEmail(address) !== undefined) return { address: "", fullName: fullName || address };
  return { address, fullName };
}

/** P12: the account's own address sent it and it answers nothing, i.e. a copy of mail we sent. */
export function isSelfSent(sender: MailSender, account: Doc, mail: Pick<ParsedMail, "inReplyTo">): boolean {
  const own = cstr(account.email_id).trim().toLowerCase();
  return own !== "" && sender.address === own && mail.inReplyTo.length === 0;
}
