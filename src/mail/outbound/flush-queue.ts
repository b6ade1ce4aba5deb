import { formatDatetime } from "../../core/datetime";
import { cint, cstr, type Doc } from "../../core/doc";
import { type Logger, silentLogger } from "../../core/logger";
import type { Site } from "../../core/site";
import { findOutgoingAccount, NO_OUTGOING_ACCOUNT } from "./account-choice";
import { updateDeliveryStatus } from "./delivery-status";
import { type OutboundConfig, resolveOutboundConfig } from "./outbound-config";
import { recoverStaleSending } from "./stale-sending";
import { type RowStatusUpdate, rowStatusAfter } from "./row-status";
import { classifySendFailure, type SendFailure } from "./send-failure";
import { type RowSendOutcome, sendQueueRow } from "./send-queue-row";
import { appendsToSentFolder, SentFolderAppender } from "./sent-folder";
import type { TransportPool } from "./transport-pool";
import { withTransaction } from "./with-transaction";

export interface FlushOptions {
  /** The SMTP pools, kept by the caller across flushes (`close()` them on shutdown). */
  transports: TransportPool;
  log?: Logger;
  /** Rows per flush (Frappe's `email_queue_batch_size`, default 500). */
  batchSize?: number;
  now?: () => Date;
  config?: Partial<OutboundConfig>;
  /** Frappe's `mute_emails`: nothing is sent. */
  muted?: boolean;
  /** Extra CA for the Sent-folder IMAP connections (test rigs). */
  imapCa?: string | Buffer;
  /** A row left in `Sending` this long (a crash mid-send) is put back in line. Default 60 minutes. */
  staleSendingMinutes?: number;
}

export interface FlushResult {
  /** Rows the flush took up. */
  picked: number;
  sent: number;
  /** Rows that failed in this flush (Frappe's count for the abort rule). */
  failed: number;
  /** Rows left for the next flush without being tried (their account failed earlier in this flush, or awaits its password). */
  skipped: number;
  rows: Array<{ name: string; status: string; error?: string }>;
  /** Frappe's abort message when more than a third, and more than 10, of the batch failed. */
  aborted?: string;
  muted?: boolean;
}

const ABORT_MESSAGE = "Email Queue flushing aborted due to too many failures.";

type Row = Doc & { name: string };

/**
 * J3 `frappe.email.queue.flush`: sends the rows waiting (`Not Sent`, `Partially Sent`) whose
 * `send_after` has passed, by priority desc, retry asc, creation asc, through each account's
 * pooled SMTP transport. A row is marked `Sending` first, each recipient `Sent` as the server
 * takes it, then the row `Sent`, back in line, or `Error` (see `rowStatusAfter`). A login or
 * connection failure leaves the account's other rows for the next flush.
 */
export async function flushQueue(site: Site, options: FlushOptions): Promise<FlushResult> {
  const log = (options.log ?? silentLogger).child({ component: "email-queue" });
  const now = options.now ?? (() => new Date());
  const config = resolveOutboundConfig(options.config);
  const result: FlushResult = { picked: 0, sent: 0, failed: 0, skipped: 0, rows: [] };
  if (options.muted) {
    log.info({}, "Emails are muted");
    return { ...result, muted: true };
  }
  await recoverStaleSending(site, now(), options.staleSendingMinutes ?? 60, log);
  const batch = (await site.getList("Email Queue", {
    fields: ["name", "sender", "reference_doctype", "email_account"],
    filters: [
      ["status", "in", ["Not Sent", "Partially Sent"]],
      // A NULL send_after compares as "" and so counts as due, as Frappe's `send_after is null or < now`.
      ["send_after", "<", formatDatetime(now())],
    ],
    orderBy: "priority desc, retry asc, creation asc",
    limit: options.batchSize ?? 500,
  })) as Row[];

  const downAccounts = new Set<string>();
  const sentFolder = new SentFolderAppender({ log, ...(options.imapCa === undefined ? {} : { ca: options.imapCa }) });
  try {
    for (const listed of batch) {
      let lookupError: unknown;
      const account = await findOutgoingAccount(site, {
        emailAccount: cstr(listed.email_account),
        sender: cstr(listed.sender),
        referenceDoctype: cstr(listed.reference_doctype),
      }).catch((err: unknown) => {
        lookupError = err;
        return undefined;
      });
      const accountName = cstr(account?.name);
      if (account && (downAccounts.has(accountName) || awaitingPassword(account))) {
        result.skipped += 1;
        continue;
      }
      if (!(await claim(site, listed.name))) continue;
      result.picked += 1;
      const row = (await site.get("Email Queue", listed.name)) as Row;
      const accountLog = log.child({ account: accountName || null, queue: row.name });
      const { update, outcome, failure } = await attempt(site, row, account ?? lookupError, options.transports, config, accountLog);
      await site.setValue("Email Queue", row.name, { ...update });
      await updateDeliveryStatus(site, cstr(row.communication));
      result.rows.push({ name: row.name, status: update.status, ...(update.error ? { error: update.error } : {}) });
      if (update.status === "Sent") result.sent += 1;
      if (account && outcome?.lastMessage && appendsToSentFolder(account)) await sentFolder.append(site, account, outcome.lastMessage);
      if (!failure && update.status !== "Error") continue;
      result.failed += 1;
      if (failure?.accountWide && account) {
        downAccounts.add(accountName);
        if (failure.code === "EAUTH") options.transports.forget(account);
      }
      if (result.failed / batch.length > 0.33 && result.failed > 10) {
        log.error({ failed: result.failed, batch: batch.length }, ABORT_MESSAGE);
        return { ...result, aborted: ABORT_MESSAGE };
      }
    }
  } finally {
    await sentFolder.close();
  }
  return result;
}

function isDoc(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !(value instanceof Error) && "doctype" in value;
}

/** An account whose password has not been given yet cannot log in: its rows wait, untouched. */
function awaitingPassword(account: Doc): boolean {
  return cint(account.awaiting_password) === 1 && cint(account.no_smtp_authentication) !== 1;
}

/** Marks a row `Sending` if it is still waiting (another flush may have taken it meanwhile). */
async function claim(site: Site, name: string): Promise<boolean> {
  return withTransaction(site, async () => {
    const [current] = await site.getList("Email Queue", { fields: ["status", "communication"], filters: { name }, limit: 1 });
    if (!current || !["Not Sent", "Partially Sent"].includes(cstr(current.status))) return false;
    await site.setValue("Email Queue", name, { status: "Sending" });
    await updateDeliveryStatus(site, cstr(current.communication));
    return true;
  });
}

/** One attempt at a claimed row: the account's transport, the send, the resulting status. */
async function attempt(
  site: Site,
  row: Row,
  /** The account, or why none could be found. */
  account: Doc | unknown,
  transports: TransportPool,
  config: OutboundConfig,
  log: Logger,
): Promise<{ update: RowStatusUpdate; outcome?: RowSendOutcome; failure?: SendFailure }> {
  let failure: SendFailure;
  let secret: { pass?: string; user?: string } = {};
  try {
    if (!isDoc(account)) {
      failure = { kind: "permanent", accountWide: false, text: account instanceof Error ? account.message : NO_OUTGOING_ACCOUNT };
    } else {
      const { transport, settings } = await transports.transportFor(site, account);
      secret = { ...(settings.auth ? { pass: settings.auth.pass, user: settings.auth.user } : {}) };
      const outcome = await sendQueueRow({ site, account, transport, settings, config, log }, row);
      const update = rowStatusAfter(row, outcome, config.retryLimit);
      if (outcome.stopped || update.status === "Error") log.warn({ status: update.status, retry: update.retry }, "queue row not fully sent");
      return { update, outcome, ...(outcome.stopped ? { failure: outcome.stopped } : {}) };
    }
  } catch (err) {
    failure = classifySendFailure(err, secret.pass, secret.user);
    log.warn({ code: failure.code, kind: failure.kind }, failure.text);
  }
  const outcome: RowSendOutcome = { sentNow: [], refused: [], stopped: failure };
  return { update: rowStatusAfter(row, outcome, config.retryLimit), outcome, failure };
}
