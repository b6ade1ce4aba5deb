import { Controller } from "../src/core/controller";
import { cstr, type Doc } from "../src/core/doc";
import { ValidationError } from "../src/errors";

/**
 * The part of Frappe's User controller (frappe/core/doctype/user/user.py) that Email Accounts touch:
 * a User is named by its e-mail address, and lists each Email Account at most once (R24).
 */
export class User extends Controller {
  override autoname(): void {
    const email = cstr(this.doc.email).trim().toLowerCase();
    this.doc.email = email;
    this.doc.name = email;
  }

  override validate(): void {
    if (!cstr(this.doc.full_name)) {
      this.doc.full_name = [this.doc.first_name, this.doc.last_name].map(cstr).filter(Boolean).join(" ");
    }
    this.validateEmailAccounts();
  }

  /** R24: the same Email Account twice in `user_emails` is refused. */
  private validateEmailAccounts(): void {
    const rows = Array.isArray(this.doc.user_emails) ? (this.doc.user_emails as Doc[]) : [];
    const accounts = rows.map((row) => cstr(row.email_account));
    if (new Set(accounts).size !== accounts.length) {
      throw new ValidationError("Email Account added multiple times", { doctype: "User", docname: cstr(this.doc.name), field: "user_emails" });
    }
  }
}
