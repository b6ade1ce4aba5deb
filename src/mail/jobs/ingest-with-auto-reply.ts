import { cint, cstr } from "../../core/doc";
import type { IngestFunction } from "../imap";
import { type AutoReplyOptions, queueAutoReply } from "./auto-reply";

export interface IngestWithAutoReplyOptions extends Omit<AutoReplyOptions, "log" | "now"> {
  now: () => Date;
}

/**
 * The puller's ingest step with S19 right behind it: each mail that became a new Communication is
 * answered (or not) before the next mail is taken. The puller runs this inside the mail's own
 * transaction on the embedded site, so the Communication, its auto-reply and the cursor past the
 * mail land together: a crash never leaves a stored mail whose reply was lost or a reply sent twice.
 * On a site without transactions the reply is queued right after the Communication (a crash between
 * the two loses that one reply; the mail comes back as a duplicate, which is never answered).
 * A failing auto-reply is logged and never costs the mail: the queue's writes sit in a savepoint.
 */
export function ingestWithAutoReply(ingest: IngestFunction, options: IngestWithAutoReplyOptions): IngestFunction {
  return async (site, message, ingestOptions) => {
    const result = await ingest(site, message, ingestOptions);
    if (result.status !== "created" || !result.communication || !cint(message.account.enable_auto_reply)) return result;
    const log = ingestOptions.log.child({ account: cstr(message.account.name), communication: result.communication });
    try {
      const outcome = await queueAutoReply(site, message.account, result.communication, { ...options, log, now: options.now() });
      if (outcome.status === "queued") log.info({ queue: outcome.queue, via: outcome.sendingAccount }, "auto-reply queued");
      else log.info({ reason: outcome.reason }, "no auto-reply");
    } catch (err) {
      log.warn({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }, "auto-reply not queued; the mail is stored all the same");
    }
    return result;
  };
}
