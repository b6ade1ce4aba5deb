import type { Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { ValidationError } from "../../errors";
import { checkedExtraHeaders } from "./extra-headers";
import { hasControlCharacters } from "./header-safety";
import { checkedMessageId } from "./message-id";
import type { QueueEmailArgs } from "./queue-email-args";
import type { QueueBuild } from "./queue-builder";
import { replyThread } from "./reply-thread";
import { sendAfterValue } from "./send-after";

/** The parts of a queue build both entry points take from the arguments as given. */
export async function commonBuild(site: Site, args: QueueEmailArgs, account: Doc, now: Date): Promise<Omit<QueueBuild, "sender" | "to" | "cc" | "bcc" | "content">> {
  const method = args.unsubscribeMethod;
  if (method !== undefined && (hasControlCharacters(method) || /[\s<>"]/.test(method))) {
    throw new ValidationError(`${JSON.stringify(method)} is not a valid unsubscribe method`, { doctype: "Email Queue", field: "unsubscribe_method" });
  }
  const thread = args.inReplyTo ? await replyThread(site, args.inReplyTo) : undefined;
  return {
    account,
    subject: args.subject ?? "No Subject",
    ...(args.textContent !== undefined ? { textContent: args.textContent } : {}),
    ...(args.replyTo ? { replyTo: args.replyTo } : {}),
    ...(args.referenceDoctype ? { referenceDoctype: args.referenceDoctype } : {}),
    ...(args.referenceName ? { referenceName: args.referenceName } : {}),
    ...(args.messageId ? { messageId: checkedMessageId(args.messageId) } : {}),
    ...(thread ? { inReplyTo: thread } : {}),
    sendAfter: sendAfterValue(args.sendAfter, now),
    priority: args.priority ?? 1,
    ...(args.unsubscribeMessage ? { unsubscribeMessage: args.unsubscribeMessage } : {}),
    addUnsubscribeLink: args.addUnsubscribeLink ?? true,
    ...(method ? { unsubscribeMethod: method } : {}),
    ...(args.unsubscribeParams ? { unsubscribeParams: args.unsubscribeParams } : {}),
    ...(args.exposeRecipients ? { exposeRecipients: args.exposeRecipients } : {}),
    isNotification: !!args.isNotification,
    readReceipt: !!args.readReceipt,
    ...(args.extraHeaders ? { extraHeaders: checkedExtraHeaders(args.extraHeaders) } : {}),
    ...(args.header ? { header: args.header } : {}),
    withContainer: !!args.withContainer,
    queueSeparately: !!args.queueSeparately,
  };
}
