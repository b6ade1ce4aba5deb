import type Mail from "nodemailer/lib/mailer";
import { cstr, type Doc } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import { InvalidEmailAddressError } from "../../errors";
import { invalidEmailMessage } from "../../schema/email-address";
import { bareAddress } from "./addresses";
import { hasControlCharacters } from "./header-safety";
import type { OutboundConfig } from "./outbound-config";
import { personalise } from "./personalise";
import { recipientValues } from "./recipient-values";
import { type SendFailure, classifySendFailure } from "./send-failure";
import type { SmtpSettings } from "./smtp-settings";

export interface RowSendContext {
  site: Site;
  account: Doc;
  transport: Mail;
  settings: SmtpSettings;
  config: OutboundConfig;
  log: Logger;
}

export interface RowSendOutcome {
  /** Recipients delivered in this attempt. */
  sentNow: string[];
  /** Recipients the server refused for good in this attempt. */
  refused: Array<{ recipient: string; failure: SendFailure }>;
  /** What stopped the row before every recipient was tried. */
  stopped?: SendFailure;
  /** The last copy handed to the server (for the Sent folder, as Frappe appends the last built message). */
  lastMessage?: Buffer;
}

/** A recipient a later attempt leaves alone: already sent, or refused for good before. */
function settled(recipient: Doc): boolean {
  return cstr(recipient.status) === "Sent" || cstr(recipient.error) !== "";
}

/**
 * S17 for one row: one SMTP transaction per recipient with that recipient's copy, from the
 * row's sender. Each delivery is recorded on its recipient row at once, so a crash or a retry
 * never mails anybody twice; a 5xx for one address is recorded on it and the others still go out;
 * anything else stops the row (the caller decides between retry and Error).
 */
export async function sendQueueRow(context: RowSendContext, row: Doc): Promise<RowSendOutcome> {
  const { site, account, transport, settings, config, log } = context;
  const outcome: RowSendOutcome = { sentNow: [], refused: [] };
  const from = bareAddress(cstr(row.sender));
  for (const recipient of (row.recipients as Doc[] | undefined) ?? []) {
    if (settled(recipient)) continue;
    const address = cstr(recipient.recipient);
    let raw: Buffer;
    try {
      if (hasControlCharacters(address)) throw new InvalidEmailAddressError(invalidEmailMessage(address.replace(/[\p{Cc}]/gu, "")));
      raw = Buffer.from(personalise(cstr(row.message), recipientValues(row, account, address, config)), "utf8");
    } catch (err) {
      const failure = classifySendFailure(err, settings.auth?.pass, settings.auth?.user);
      if (failure.code !== "FEA_INVALID_EMAIL") {
        outcome.stopped = failure;
        return outcome;
      }
      outcome.refused.push({ recipient: address, failure: { ...failure, kind: "recipient", accountWide: false } });
      await site.setValue("Email Queue Recipient", String(recipient.name), { error: failure.text });
      continue;
    }
    try {
      await transport.sendMail({ envelope: { from, to: [bareAddress(address)] }, raw });
    } catch (err) {
      const failure = classifySendFailure(err, settings.auth?.pass, settings.auth?.user);
      log.warn({ queue: row.name, code: failure.code, responseCode: failure.responseCode, command: failure.command, kind: failure.kind }, failure.text);
      if (failure.kind !== "recipient") {
        outcome.stopped = failure;
        return outcome;
      }
      outcome.refused.push({ recipient: address, failure });
      await site.setValue("Email Queue Recipient", String(recipient.name), { error: failure.text });
      continue;
    }
    await site.setValue("Email Queue Recipient", String(recipient.name), { status: "Sent", error: null });
    outcome.sentNow.push(address);
    outcome.lastMessage = raw;
  }
  return outcome;
}
