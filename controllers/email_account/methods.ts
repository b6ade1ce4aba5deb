import { cint } from "../../src/core/doc";
import { InputError } from "../../src/errors";
import type { MethodTable, Site } from "../../src/core/site";
import { EMAIL_DOMAIN_FIELDS } from "../mail-settings";
import { appendToChoices } from "./append-to";

/** Frappe's module path of the Email Account controller; whitelisted functions hang below it. */
export const EMAIL_ACCOUNT_MODULE = "frappe.email.doctype.email_account.email_account";


/** M1 `get_domain_values`: the domain's settings, or null when there is no such Email Domain (as `get_value`). */
export async function getDomainValues(site: Site, domain: string): Promise<Record<string, unknown> | null> {
  const [row] = await site.getList("Email Domain", { fields: [...EMAIL_DOMAIN_FIELDS], filters: { name: domain }, limit: 1 });
  if (!row) return null;
  return Object.fromEntries(EMAIL_DOMAIN_FIELDS.map((field) => [field, row[field] ?? null]));
}

/**
 * M4 `set_email_password`: supplies the password of an account that awaits one (not OAuth) and
 * saves it, which runs the login tests. `false` when that save fails (nothing is written: the
 * save is one transaction), `true` otherwise, also when there was nothing to do. The password is
 * never logged nor returned.
 */
export async function setEmailPassword(site: Site, account: string, password: string): Promise<boolean> {
  const doc = await site.get("Email Account", account);
  if (!cint(doc.awaiting_password) || doc.auth_method === "OAuth") return true;
  try {
    await site.save({ doctype: "Email Account", name: account, awaiting_password: 0, password });
  } catch {
    return false;
  }
  return true;
}

function argument(args: Record<string, unknown>, key: string): string {
  const value = args[key];
  if (typeof value !== "string") throw new InputError(`Missing argument "${key}"`);
  return value;
}

/** The module's whitelisted functions, keyed by Frappe's dotted path. */
export const EMAIL_ACCOUNT_METHODS: MethodTable = {
  // M2; the link-search arguments other than `txt` (doctype, searchfield, start, page_len, filters) are ignored, as in v15.
  [`${EMAIL_ACCOUNT_MODULE}.get_append_to`]: async (site, args) =>
    appendToChoices(site.meta, typeof args.txt === "string" ? args.txt : ""),
  [`${EMAIL_ACCOUNT_MODULE}.set_email_password`]: (site, args) =>
    setEmailPassword(site, argument(args, "email_account"), argument(args, "password")),
};
