import { Controller } from "../src/core/controller";
import { cint, cstr, type Doc } from "../src/core/doc";
import type { DomainProbe } from "../src/core/mail-context";
import { defaultIncomingPort, EMAIL_DOMAIN_FIELDS } from "./mail-settings";
import { type ErrorName, OutgoingEmailError, ValidationError, isFrappeError, makeError } from "../src/errors";


/** Fields compared as numbers (Check / Int); the rest are text. */
const NUMERIC_FIELDS: ReadonlySet<string> = new Set([
  "use_imap",
  "use_ssl",
  "use_starttls",
  "use_tls",
  "attachment_limit",
  "use_ssl_for_outgoing",
  "append_emails_to_sent_folder",
]);


const INCOMING_FAILURE = { title: "Incoming email account not correct", prefix: "Error connecting via IMAP/POP3: " };
const OUTGOING_FAILURE = { title: "Outgoing email account not correct", prefix: "Error connecting via SMTP: " };

/**
 * Frappe's Email Domain controller (frappe/email/doctype/email_domain/email_domain.py).
 * D1 validate: reach the incoming and outgoing servers without logging in.
 * D3 on_update: copy the domain's settings onto every Email Account of the domain.
 */
export class EmailDomain extends Controller {
  override async validate(): Promise<void> {
    // Frappe skips the whole check while a site is installed (and in patches and tests).
    if (this.ctx.flags.inInstall) return;
    const probe = this.normaliseConnectionSettings();
    if (this.ctx.flags.noConnect) return;

    const result = await this.ctx.mail.probeDomain(probe).catch((err: unknown) => {
      throw connectionError(err);
    });
    if (result.status === "not-configured") {
      this.ctx.log.warn({ domain: probe.domain, reason: result.reason }, "Connection test skipped");
      this.ctx.msgprint("Connection test skipped", { indicator: "orange" });
    }
  }

  /**
   * Ports and flags as Frappe's validate leaves them (the defaults are written back), and what to probe.
   * Frappe connects plainly when SSL is off: no STARTTLS attempt, neither for IMAP nor for SMTP with use_tls.
   */
  private normaliseConnectionSettings(): DomainProbe {
    const doc = this.doc;
    const useImap = cint(doc.use_imap) === 1;
    const useSsl = cint(doc.use_ssl) === 1;
    if (!cstr(doc.incoming_port)) doc.incoming_port = String(defaultIncomingPort(useImap, useSsl));
    doc.use_starttls = useImap && cint(doc.use_starttls) === 1 && !useSsl ? 1 : 0;

    const sslOutgoing = cint(doc.use_ssl_for_outgoing) === 1;
    if (sslOutgoing && !cstr(doc.smtp_port)) doc.smtp_port = "465";
    else if (!sslOutgoing && cint(doc.use_tls) === 1 && !cstr(doc.smtp_port)) doc.smtp_port = "587";

    return {
      domain: cstr(doc.domain_name || doc.name),
      incoming: { protocol: useImap ? "imap" : "pop3", host: cstr(doc.email_server), port: cint(doc.incoming_port), tls: useSsl ? "ssl" : "none" },
      // smtplib treats port 0 as its default, 25.
      outgoing: { host: cstr(doc.smtp_server), port: cint(doc.smtp_port) || 25, tls: sslOutgoing ? "ssl" : "none" },
    };
  }

  override async on_update(): Promise<void> {
    const site = this.ctx.site;
    const accounts = await site.getList("Email Account", { fields: ["name"], filters: { domain: cstr(this.doc.name) }, limit: 0 });
    for (const { name } of accounts) {
      const accountName = cstr(name);
      const account = await site.get("Email Account", accountName);
      const changes = this.changesFor(account);
      // Only accounts whose copied values differ are saved: a save re-runs the account's login test,
      // which an unrelated edit of the domain should not trigger for every account.
      if (Object.keys(changes).length === 0) continue;
      try {
        await site.save({ doctype: "Email Account", name: accountName, ...changes });
      } catch (err) {
        throw accountError(accountName, err);
      }
    }
  }

  /** The domain's values the account does not hold yet: the copied fields, and those it fetches from its domain. */
  private changesFor(account: Doc): Record<string, unknown> {
    const wanted: Record<string, unknown> = {};
    for (const field of EMAIL_DOMAIN_FIELDS) wanted[field] = copiedValue(field, this.doc[field]);
    // Frappe re-fetches these (e.g. sent_folder_name) on every account save; a change there needs a save too.
    for (const field of this.ctx.meta.get("Email Account").fields) {
      const [link, source] = cstr(field.fetch_from).split(".");
      if (link === "domain" && source && !(field.fieldname in wanted)) wanted[field.fieldname] = this.doc[source] ?? null;
    }
    const changes: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(wanted)) {
      if (!sameValue(field, account[field], value)) changes[field] = value;
    }
    return changes;
  }
}

/** Frappe copies `self.get(field, default=0)`: an empty number or port becomes 0; an empty text stays empty. */
function copiedValue(field: string, value: unknown): unknown {
  const empty = value === undefined || value === null || value === "";
  if (!empty) return value;
  return NUMERIC_FIELDS.has(field) || field === "incoming_port" ? 0 : null;
}

function sameValue(field: string, a: unknown, b: unknown): boolean {
  return NUMERIC_FIELDS.has(field) ? cint(a) === cint(b) : cstr(a) === cstr(b);
}

/**
 * D1 failure texts. An engine error marked as outgoing (OutgoingEmailError, `side: "outgoing"`, or
 * already worded as an SMTP failure) is an SMTP failure; anything else is incoming, which Frappe tests first.
 */
function connectionError(err: unknown): ValidationError {
  const detail = err instanceof Error ? err.message : String(err);
  const outgoing =
    err instanceof OutgoingEmailError || (err as { side?: unknown } | null)?.side === "outgoing" || detail.startsWith(OUTGOING_FAILURE.prefix);
  const { title, prefix } = outgoing ? OUTGOING_FAILURE : INCOMING_FAILURE;
  const message = detail.startsWith(prefix) ? detail : prefix + detail;
  return new ValidationError(message, { title, doctype: "Email Domain", cause: err });
}

/** D3 failure: Frappe's `Error has occurred in {0}` raised with the failing save's own error class. */
function accountError(accountName: string, err: unknown): Error {
  const detail = err instanceof Error ? err.message : String(err);
  const message = `Error has occurred in ${accountName}: ${detail}`;
  const options = { doctype: "Email Account", docname: accountName, cause: err };
  return isFrappeError(err) ? makeError(err.name as ErrorName, message, options) : new ValidationError(message, options);
}
