import { cstr } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import type { IngestResult, InboundMessage } from "../inbound-message";
import { createAppendToDocument } from "./append-to-document";
import { writeAtomically } from "./atomic-writes";
import { attachmentLimitBytes } from "./attachment-spool";
import { automatedMailReason } from "./automated-mail";
import { communicationRecord } from "./communication-record";
import { completeStoredCopy } from "./complete-stored-copy";
import { findStoredCopy, recordNewLocation } from "./duplicate";
import { sanitizeMailHtml } from "./html-sanitizer";
import { mailBodies, skippedAttachmentLines, skippedAttachmentsHtml, skippedAttachmentsText, storedContent } from "./mail-content";
import { parseMail, type ParsedMail } from "./parsed-mail";
import { findReferenceDocument } from "./reference-document";
import { isSelfSent, resolveSender } from "./sender";
import { isSiteUnavailable } from "./site-unavailable";
import { storeAttachments } from "./store-attachments";
import { findThreadParent, threadIds } from "./thread-parent";
import { errorMessage, keepUnhandledEmail } from "./unhandled-email";
import { WorkDir } from "./work-dir";

export interface IngestOptions {
  log: Logger;
  /** This site's host name, as in the Message-IDs it generates (`FEA_SITE_HOST`). */
  siteHost: string;
  now?: () => Date;
  /** Where each mail's spool folder (raw head, attachments) is made; the system's temp folder by default. */
  tempDir?: string;
}

interface MailContext {
  site: Site;
  message: InboundMessage;
  mail: ParsedMail;
  log: Logger;
  siteHost: string;
  now: Date;
}

/** P13–P20 for a parsed mail: duplicate, thread, reference, "append to" document, Communication, files. */
async function storeMail(ctx: MailContext): Promise<IngestResult> {
  const { site, message, mail, log, now } = ctx;
  const account = message.account;
  const sender = await resolveSender(site, mail);
  if (isSelfSent(sender, account, mail)) {
    log.debug({ sender: sender.address }, "skipped a copy of mail sent from this account (P12)");
    return { status: "skipped", reason: "Sent from the account's own address and not a reply (P12)" };
  }
  const automated = automatedMailReason(mail);

  return writeAtomically(site, log, async (written) => {
    const stored = await findStoredCopy(site, message, mail.messageId);
    if (stored) {
      await recordNewLocation(site, stored, message);
      const name = cstr(stored.name);
      if (await completeStoredCopy(site, stored, mail, mailBodies(mail), (file) => written.add("File", cstr(file.name)))) {
        log.info({ communication: name }, "finished a mail an earlier attempt had left without all its attachments");
        const reference = stored.reference_doctype && stored.reference_name ? { doctype: cstr(stored.reference_doctype), name: cstr(stored.reference_name) } : undefined;
        return { status: "created", communication: name, ...(reference ? { reference } : {}) };
      }
      return { status: "duplicate", communication: name };
    }

    const parent = await findThreadParent(site, threadIds(mail.inReplyTo, mail.references, mail.reportedMessageIds), cstr(account.name), ctx.siteHost);
    let reference = await findReferenceDocument(site, mail, parent, account, sender.address, now);
    if (!reference && !automated && message.appendTo !== "" && message.appendTo !== "Communication") {
      reference = await createAppendToDocument(site, message.appendTo, mail.subject, sender, now);
      if (reference) written.add(reference.doctype, reference.name);
    }

    const bodies = mailBodies(mail);
    const record = await communicationRecord(site, {
      mail,
      message,
      sender,
      content: sanitizeMailHtml(bodies.html) + skippedAttachmentsHtml(mail.skipped),
      textContent: bodies.text + skippedAttachmentsText(mail.skipped),
      automated: automated !== undefined,
      ...(parent.communication ? { inReplyTo: cstr(parent.communication.name) } : {}),
      ...(reference ? { reference } : {}),
    });
    const { doc: communication } = await site.insert(record);
    const name = cstr(communication.name);
    written.add("Communication", name);

    const { files, urlsByCid } = await storeAttachments(site, name, mail.attachments, (file) => written.add("File", cstr(file.name)));
    if (files.length > 0) {
      // P20: one save with the flag and the content whose cid: references now point at the files.
      await site.save({ doctype: "Communication", name, has_attachment: 1, content: storedContent(bodies, urlsByCid, mail.skipped) });
    }
    if (mail.skipped.length > 0) log.warn({ communication: name, skipped: skippedAttachmentLines(mail.skipped) }, "attachments over the limit were not stored");
    if (automated) log.info({ communication: name, automated }, "stored an automated mail (no append-to document, no auto-reply)");
    return { status: "created", communication: name, ...(reference ? { reference } : {}) };
  });
}

/**
 * Turns one fetched mail into records (Frappe's InboundMail.process, P10–P24): a Communication with
 * its attachments, threaded and linked to its document, or a reason not to. A mail that cannot be
 * parsed or stored is kept as an Unhandled Email (status "unhandled") instead of throwing. It throws
 * only when the mail was not received whole (the source stream failed), when a remote site gave no
 * verdict (it did not answer), or when even the Unhandled Email cannot be written: then the caller
 * must not move its cursor past this mail.
 */
export async function ingestMessage(site: Site, message: InboundMessage, options: IngestOptions): Promise<IngestResult> {
  const log = options.log.child({ uid: message.uid, folder: message.folder });
  const now = options.now?.() ?? new Date();
  const work = WorkDir.create(options.tempDir);
  try {
    const parsed = await parseMail(message.source, { work, limitBytes: attachmentLimitBytes(message.account.attachment_limit), now });
    if (parsed.sourceError) throw parsed.sourceError;
    let failure: { what: string; error: unknown };
    if (parsed.mail) {
      try {
        return await storeMail({ site, message, mail: parsed.mail, log, siteHost: options.siteHost, now });
      } catch (error) {
        // A remote site that gave no verdict (timeout, broken connection, 502/503/504/429) did not
        // refuse the mail: it is fetched again (what landed is found by its keys), not kept as unhandled.
        if (isSiteUnavailable(error)) throw error;
        failure = { what: "The mail could not be stored", error };
      }
    } else {
      failure = { what: "The mail could not be parsed", error: parsed.error };
    }
    const kept = await keepUnhandledEmail(site, message, parsed.capture, failure.what, failure.error);
    log.warn({ unhandledEmail: kept.name, error: errorMessage(failure.error) }, "kept as an Unhandled Email");
    return { status: "unhandled", unhandledEmail: kept.name, reason: kept.reason };
  } finally {
    work.remove();
  }
}
