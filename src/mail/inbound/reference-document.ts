import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { automaticLinkingEnabled, documentFromLinkAddresses, type LinkedDocument } from "./link-address";
import type { ParsedMail } from "./parsed-mail";
import { matchBySubject } from "./subject-match";
import type { ThreadParent } from "./thread-parent";

async function existing(site: Site, doctype: unknown, name: unknown): Promise<LinkedDocument | undefined> {
  const dt = cstr(doctype);
  const dn = cstr(name);
  if (dt === "" || dn === "" || !site.meta.has(dt)) return undefined;
  return (await site.exists(dt, dn)) ? { doctype: dt, name: dn } : undefined;
}

/**
 * P15, the document the mail belongs to:
 * 1. the reference of the parent Email Queue row, else of the parent Communication (if it exists);
 * 2. a document named by an automatic-linking `+` address in To, Cc, Delivered-To or X-Original-To,
 *    when some account has automatic linking on — found here, before step 3 and P16, so such a mail
 *    never opens a new "append to" document (the Communication controller adds the timeline links);
 * 3. with the account-level Append To set, a subject match (subject-match.ts).
 */
export async function findReferenceDocument(
  site: Site,
  mail: ParsedMail,
  parent: ThreadParent,
  account: Doc,
  sender: string,
  now: Date,
): Promise<LinkedDocument | undefined> {
  const fromParent = parent.queue?.reference_doctype ? parent.queue : parent.communication;
  const inherited = fromParent ? await existing(site, fromParent.reference_doctype, fromParent.reference_name) : undefined;
  if (inherited) return inherited;

  if (await automaticLinkingEnabled(site)) {
    const addresses = [...mail.to, ...mail.cc].map((box) => box.address).concat(mail.deliveredTo);
    const linked = await documentFromLinkAddresses(site, addresses);
    if (linked) return linked;
  }

  const appendTo = cstr(account.append_to);
  if (appendTo === "" || !site.meta.has(appendTo)) return undefined;
  const name = await matchBySubject(site, appendTo, mail.subject, sender, now);
  return name === undefined ? undefined : { doctype: appendTo, name };
}
