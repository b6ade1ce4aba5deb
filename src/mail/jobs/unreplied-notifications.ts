import { cstr, type Doc } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import { DataError, DoesNotExistError } from "../../errors";
import { AUTOMATED_COMMUNICATION_TYPE } from "../inbound";
import { type OutboundConfig, queueEmail } from "../outbound";
import { withTransaction } from "../outbound/with-transaction";
import { notificationAddresses, notificationTargets, unrepliedMinutes, unrepliedWindow, windowFilters } from "./unreplied-window";

export interface UnrepliedOptions {
  log: Logger;
  now: Date;
  config?: Partial<OutboundConfig>;
  /** Stops between two Communications (what was done stays done). */
  signal?: AbortSignal;
}

export interface UnrepliedAccountReport {
  account: string;
  /** The reference DocTypes watched; empty: the account was skipped. */
  targets: string[];
  /** Communications in the window that had no notification yet. */
  considered: number;
  /** Of those, how many had their reference still Open and got a notification queued. */
  notified: number;
  /** Communications whose notification failed (not flagged: tried again while still in the window). */
  errors: string[];
}

/** The referenced document's `status`, or undefined when it has none (no such record, or no status field). */
async function referenceStatus(site: Site, doctype: string, name: string): Promise<string | undefined> {
  try {
    const [row] = await site.getList(doctype, { fields: ["name", "status"], filters: { name }, limit: 1 });
    return row ? cstr(row.status) : undefined;
  } catch (err) {
    if (err instanceof DataError || err instanceof DoesNotExistError) return undefined;
    throw err;
  }
}

/**
 * One Communication: queues the notification when its document is still exactly "Open", and in every
 * case sets `unread_notification_sent` (without bumping `modified`: a bookkeeping flag must not make
 * an open form stale). Both in one transaction where the site has them. Returns whether it notified.
 */
async function notifyOne(site: Site, account: Doc, communication: Doc, options: UnrepliedOptions): Promise<boolean> {
  const doctype = cstr(communication.reference_doctype);
  const name = cstr(communication.reference_name);
  const open = (await referenceStatus(site, doctype, name)) === "Open";
  return withTransaction(site, async () => {
    if (open) {
      await queueEmail(
        site,
        {
          recipients: notificationAddresses(account.send_notification_to),
          content: cstr(communication.content),
          subject: cstr(communication.subject),
          referenceDoctype: doctype,
          referenceName: name,
        },
        { config: options.config ?? {}, now: () => options.now },
      );
    }
    await site.setValue("Communication", cstr(communication.name), { unread_notification_sent: 1 }, { updateModified: false });
    return open;
  });
}

/** One account's unanswered Communications in its window. */
async function notifyAccount(site: Site, accountName: string, options: UnrepliedOptions): Promise<UnrepliedAccountReport> {
  const account = await site.get("Email Account", accountName);
  const targets = notificationTargets(account);
  const report: UnrepliedAccountReport = { account: accountName, targets, considered: 0, notified: 0, errors: [] };
  if (targets.length === 0) return report;
  const log = options.log.child({ account: accountName });
  const communications = await site.getList("Communication", {
    fields: ["name", "subject", "content", "reference_doctype", "reference_name", "creation"],
    filters: [
      ["sent_or_received", "=", "Received"],
      ["reference_doctype", "in", targets],
      ["unread_notification_sent", "=", 0],
      ["email_account", "=", accountName],
      // Auto-replies and bounces are flagged when stored; this keeps them out even when not.
      ["communication_type", "!=", AUTOMATED_COMMUNICATION_TYPE],
      ...windowFilters(unrepliedWindow(options.now, unrepliedMinutes(account))),
    ],
    orderBy: "creation asc",
    limit: 0,
  });
  for (const communication of communications) {
    if (options.signal?.aborted) break;
    report.considered += 1;
    try {
      if (await notifyOne(site, account, communication, options)) report.notified += 1;
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      report.errors.push(`${cstr(communication.name)}: ${error}`);
      log.error({ communication: cstr(communication.name), error }, "unreplied notification not queued; tried again at the next run while in the window");
    }
  }
  if (report.considered > 0) log.info({ considered: report.considered, notified: report.notified, errors: report.errors.length }, "unreplied notifications");
  return report;
}

/**
 * J2 `notify_unreplied` (behaviour reference section E): for each account with incoming on and
 * "Notify if unreplied" on, the Received Communications referencing one of its target DocTypes,
 * not yet notified, created more than N and less than 3·N minutes ago (N = `unreplied_for_mins`,
 * default 30): the addresses of `send_notification_to` are mailed the Communication's subject and
 * content when its document's status is exactly "Open", and the Communication is flagged either way.
 * One account's failure does not stop the others.
 */
export async function notifyUnrepliedCommunications(site: Site, options: UnrepliedOptions): Promise<UnrepliedAccountReport[]> {
  const accounts = await site.getList("Email Account", {
    fields: ["name"],
    filters: { enable_incoming: 1, notify_if_unreplied: 1 },
    orderBy: "name asc",
    limit: 0,
  });
  const reports: UnrepliedAccountReport[] = [];
  for (const row of accounts) {
    if (options.signal?.aborted) break;
    const name = cstr(row.name);
    try {
      reports.push(await notifyAccount(site, name, options));
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      options.log.error({ account: name, error }, "unreplied notifications failed for this account");
      reports.push({ account: name, targets: [], considered: 0, notified: 0, errors: [error] });
    }
  }
  return reports;
}
