import { Controller } from "../src/core/controller";
import { cint, cstr, type Doc } from "../src/core/doc";
import { copyFetchedValues } from "../src/core/links";
import { bold, InvalidEmailAddressError, MandatoryError, ValidationError } from "../src/errors";
import { findInvalidEmail, invalidEmailMessage } from "../src/schema/email-address";
import { accountNameFromEmail } from "./email_account/account-name";
import { assertAppendToAllowed } from "./email_account/append-to";
import { checkConnections } from "./email_account/connection-check";
import { removeUserEmailInbox, setupUserEmailInbox } from "./email_account/user-inbox";

const DOCTYPE = "Email Account";

/** The two "default" flags and the flag each one needs (R19, R21). */
const DEFAULT_FLAGS = [
  { flag: "default_incoming", label: "Default Incoming", needs: "enable_incoming", needsLabel: "Enable Incoming" },
  { flag: "default_outgoing", label: "Default Outgoing", needs: "enable_outgoing", needsLabel: "Enable Outgoing" },
] as const;

/**
 * The Email Account controller: Frappe v15's `EmailAccount` (frappe/email/doctype/email_account),
 * rules R1-R33 of the behaviour reference. Records and the network are reached only through
 * `this.ctx`; the login tests are described here and run by the mail engine.
 */
export class EmailAccount extends Controller {
  /**
   * R1: the name is `email_account_name`, derived from the address when empty.
   * Deviation: with neither field set, v15 dies with an internal error; we give the mandatory message.
   */
  override autoname(): void {
    if (!cstr(this.doc.email_account_name)) {
      const emailId = cstr(this.doc.email_id);
      if (!emailId) {
        throw new MandatoryError("Error: Value missing for Email Account: Email Address", { doctype: DOCTYPE, field: "email_id" });
      }
      this.doc.email_account_name = accountNameFromEmail(emailId);
    }
    this.doc.name = cstr(this.doc.email_account_name);
  }

  /**
   * Ours, not v15 (whose form stopped doing it in v14): an empty `domain` is filled from the
   * address when an Email Domain of that name exists, and the domain's fetch_from fields are
   * copied. Only on insert or when `email_id` changes, so a domain removed on purpose stays removed.
   */
  override async before_validate(): Promise<void> {
    if (cstr(this.doc.domain) || !(this.isNew() || this.hasValueChanged("email_id"))) return;
    const emailId = cstr(this.doc.email_id);
    const at = emailId.lastIndexOf("@");
    if (at < 0) return;
    const part = emailId.slice(at + 1).trim().toLowerCase();
    if (!part || !(await this.ctx.site.exists("Email Domain", part))) return;
    const domain = await this.ctx.site.get("Email Domain", part);
    this.doc.domain = domain.name;
    copyFetchedValues(this.doc, this.ctx.meta.get(DOCTYPE), new Map([["domain", domain]]));
  }

  /** Frappe's order: R2, R3, R4, R6-R11 (connection tests), R12, R13. */
  override async validate(): Promise<void> {
    this.validateEmailId();
    this.validateLoginId();
    this.validateImapFolders();
    await checkConnections(this.doc, this.ctx, this.isNew());
    this.validateUnrepliedNotification();
    this.validateAppendTo();
  }

  /** R19: a default flag without its enable flag is turned off, with one message per change. */
  override before_save(): void {
    for (const { flag, label, needs, needsLabel } of DEFAULT_FLAGS) {
      if (!cint(this.doc[flag]) || cint(this.doc[needs])) continue;
      this.doc[flag] = 0;
      this.ctx.msgprint(`${bold(label)} has been disabled. It can only be enabled if ${bold(needsLabel)} is checked.`, {
        title: "Defaults Updated",
        indicator: "orange",
      });
    }
  }

  /** R20, R21, R22 (after the write, inside the same transaction: an error undoes the save). */
  override async on_update(): Promise<void> {
    await this.checkAutomaticLinking();
    await this.keepOnlyOneDefault();
    await setupUserEmailInbox(this.doc, this.ctx);
  }

  /** R25, R26. */
  override async on_trash(): Promise<void> {
    const account = cstr(this.doc.name);
    const communications = await this.ctx.site.getList("Communication", {
      fields: ["name"],
      filters: { email_account: account },
      limit: 0,
    });
    for (const { name } of communications) {
      await this.ctx.site.setValue("Communication", cstr(name), { email_account: "" }, { updateModified: false });
    }
    await removeUserEmailInbox(account, this.ctx);
  }

  /** R2. */
  private validateEmailId(): void {
    const emailId = cstr(this.doc.email_id);
    if (!emailId) return;
    const invalid = findInvalidEmail(emailId);
    if (invalid !== undefined) throw new InvalidEmailAddressError(invalidEmailMessage(invalid), this.errorOptions("email_id"));
  }

  /** R3. */
  private validateLoginId(): void {
    if (!cint(this.doc.login_id_is_different)) {
      this.doc.login_id = null;
      return;
    }
    if (!cstr(this.doc.login_id)) throw new ValidationError("Login Id is required", this.errorOptions("login_id"));
  }

  /** R4. */
  private validateImapFolders(): void {
    if (cint(this.doc.enable_incoming) && cint(this.doc.use_imap) && this.imapFolders().length === 0) {
      throw new ValidationError(`You need to set one IMAP folder for ${bold(cstr(this.doc.email_id))}`, this.errorOptions("imap_folder"));
    }
  }

  /** R12: commas become newlines (and are saved that way); each line must be an address. */
  private validateUnrepliedNotification(): void {
    if (!cint(this.doc.notify_if_unreplied)) return;
    const recipients = cstr(this.doc.send_notification_to);
    if (!recipients) {
      const label = this.ctx.meta.label(DOCTYPE, "send_notification_to");
      throw new ValidationError(`${label} is mandatory`, this.errorOptions("send_notification_to"));
    }
    this.doc.send_notification_to = recipients.replace(/,/g, "\n");
    for (const line of cstr(this.doc.send_notification_to).split("\n")) {
      const address = line.trim();
      if (!address) continue;
      const invalid = findInvalidEmail(address);
      if (invalid !== undefined) {
        throw new InvalidEmailAddressError(invalidEmailMessage(invalid), this.errorOptions("send_notification_to"));
      }
    }
  }

  /**
   * R13: with incoming on, each IMAP folder's Append To must be an Append To target.
   * Ours: the account-level `append_to` is checked the same way (v15 checks it only in the form).
   */
  private validateAppendTo(): void {
    if (!cint(this.doc.enable_incoming)) return;
    for (const folder of this.imapFolders()) {
      const target = cstr(folder.append_to);
      if (target) assertAppendToAllowed(this.ctx.meta, target);
    }
    const accountTarget = cstr(this.doc.append_to);
    if (accountTarget) assertAppendToAllowed(this.ctx.meta, accountTarget);
  }

  /** R20. */
  private async checkAutomaticLinking(): Promise<void> {
    if (!cint(this.doc.enable_automatic_linking)) return;
    if (!cint(this.doc.enable_incoming)) {
      throw new ValidationError("Automatic Linking can be activated only if Incoming is enabled.", this.errorOptions("enable_automatic_linking"));
    }
    const others = await this.ctx.site.count(DOCTYPE, [
      ["enable_automatic_linking", "=", 1],
      ["name", "!=", cstr(this.doc.name)],
    ]);
    if (others > 0) {
      throw new ValidationError("Automatic Linking can be activated only for one Email Account.", this.errorOptions("enable_automatic_linking"));
    }
  }

  /**
   * R21, deviation: v15 re-saves every other default account (re-running its login tests, so an
   * unreachable server elsewhere blocks this save). We clear the flag on the others directly.
   */
  private async keepOnlyOneDefault(): Promise<void> {
    for (const { flag, label } of DEFAULT_FLAGS) {
      if (!cint(this.doc[flag])) continue;
      const others = await this.ctx.site.getList(DOCTYPE, {
        fields: ["name"],
        filters: [
          [flag, "=", 1],
          ["name", "!=", cstr(this.doc.name)],
        ],
        limit: 0,
      });
      if (others.length === 0) continue;
      for (const { name } of others) await this.ctx.site.setValue(DOCTYPE, cstr(name), { [flag]: 0 });
      const names = others.map(({ name }) => bold(cstr(name))).join(", ");
      this.ctx.msgprint(`${bold(label)} was turned off on ${names}: only one Email Account can be the ${label.toLowerCase()}.`, {
        title: "Defaults Updated",
        indicator: "blue",
      });
    }
  }

  private imapFolders(): Doc[] {
    return Array.isArray(this.doc.imap_folder) ? (this.doc.imap_folder as Doc[]) : [];
  }

  private errorOptions(field: string): { doctype: string; docname: string; field: string } {
    return { doctype: DOCTYPE, docname: cstr(this.doc.name), field };
  }
}

export { EMAIL_ACCOUNT_METHODS, getDomainValues, setEmailPassword } from "./email_account/methods";
