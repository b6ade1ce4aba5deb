import type { Site } from "../../core/site";
import { addressList } from "./addresses";
import { defaultSender, requireOutgoingAccount } from "./account-choice";
import { commonBuild } from "./common-build";
import { queueCommunicationEmail } from "./communication-email";
import { type OutboundConfig, resolveOutboundConfig } from "./outbound-config";
import type { QueueEmailArgs, QueueEmailOptions, QueueEmailResult } from "./queue-email-args";
import { type QueueBuild, insertQueueRows } from "./queue-builder";
import { appendSignature, findSignature } from "./signature";
import { withTransaction } from "./with-transaction";

/** `frappe.sendmail`: straight to the queue, no Communication (unless one is named to link to). */
async function queueSendmail(site: Site, args: QueueEmailArgs, config: OutboundConfig, now: Date): Promise<QueueEmailResult> {
  const to = addressList(args.recipients);
  const cc = addressList(args.cc);
  if (to.length + cc.length === 0) return { queue: [], emailsNotSentTo: [] };
  const account = await requireOutgoingAccount(site, { emailAccount: args.emailAccount, sender: args.sender, referenceDoctype: args.referenceDoctype });
  const sender = !args.sender || args.sender.trim() === "Administrator" ? defaultSender(account) : args.sender;
  let content = args.content ?? args.message ?? "";
  if (args.addSignature) content = appendSignature(content, await findSignature(site, args.user, account));
  const build: QueueBuild = {
    ...(await commonBuild(site, args, account, now)),
    sender,
    to,
    cc,
    bcc: addressList(args.bcc),
    content,
    ...(typeof args.communication === "string" ? { communication: args.communication } : {}),
  };
  const rows = await insertQueueRows(site, build, config, now);
  return { queue: rows.names, ...(rows.messageId ? { messageId: rows.messageId } : {}), emailsNotSentTo: [] };
}

/**
 * Puts a mail on the Email Queue, as `frappe.sendmail` does, or with `communication: true` as the
 * desk composer's `make` does (a Sent Communication first, whose Message-ID the mail carries, so
 * replies thread back to it). Everything is written in one transaction where the site has them.
 * The queue is sent by `flushQueue`.
 */
export async function queueEmail(site: Site, args: QueueEmailArgs, options: QueueEmailOptions = {}): Promise<QueueEmailResult> {
  const config = resolveOutboundConfig(options.config);
  const now = (options.now ?? (() => new Date()))();
  return withTransaction(site, () =>
    args.communication === true ? queueCommunicationEmail(site, args, config, now) : queueSendmail(site, args, config, now),
  );
}
