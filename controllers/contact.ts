import type { DocumentContext } from "../src/core/context";
import { Controller } from "../src/core/controller";
import { cint, cstr, type Doc } from "../src/core/doc";
import { ValidationError, bold } from "../src/errors";

/** Frappe's `get_full_name` for a Contact: first, middle and last name joined by spaces, else the company. */
export function contactFullName(first?: unknown, middle?: unknown, last?: unknown, company?: unknown): string {
  const fullName = [first, middle, last]
    .map((part) => cstr(part).trim())
    .filter((part) => part !== "")
    .join(" ");
  return fullName || cstr(company);
}

/**
 * Frappe's `append_number_if_name_exists`: `value` when free, else `value-N` with N one more than
 * the highest `value-<digits>` already taken (Frappe takes the longest such name, then the last).
 */
export async function appendNumberIfNameExists(ctx: DocumentContext, doctype: string, value: string): Promise<string> {
  if (!(await ctx.site.exists(doctype, value))) return value;
  const pattern = new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-(\\d+)$`);
  const taken = (await ctx.site.getList(doctype, { fields: ["name"], filters: [["name", "like", `${value}-%`]], limit: 0 }))
    .map((row) => cstr(row.name))
    .filter((name) => pattern.test(name))
    .sort((a, b) => b.length - a.length || (a < b ? 1 : a > b ? -1 : 0));
  const last = taken[0];
  const count = last === undefined ? 1 : Number.parseInt((pattern.exec(last) as RegExpExecArray)[1] as string, 10) + 1;
  return `${value}-${count}`;
}

function rowsOf(doc: Doc, fieldname: string): Doc[] {
  if (!Array.isArray(doc[fieldname])) doc[fieldname] = [];
  return doc[fieldname] as Doc[];
}

/**
 * Frappe's Contact controller (frappe/contacts/doctype/contact/contact.py): naming after the full
 * name, one primary e-mail and phone, the linked User, link titles and unique links. Left out: the
 * Gravatar lookup (a network call) and vCards.
 */
export class Contact extends Controller {
  /** Full name, plus `-{first linked document}`; `-1`, `-2`... on a clash. */
  override async autoname(): Promise<void> {
    // Frappe runs autoname only for a record without a name; one kept on import stays.
    if (this.doc.name) return;
    let name = contactFullName(this.doc.first_name, this.doc.middle_name, this.doc.last_name, this.doc.company_name);
    const [firstLink] = rowsOf(this.doc, "links");
    if (firstLink) name = `${name}-${cstr(firstLink.link_name).trim()}`;
    this.doc.name = name === "" ? name : await appendNumberIfNameExists(this.ctx, "Contact", name);
  }

  override async validate(): Promise<void> {
    const doc = this.doc;
    doc.full_name = contactFullName(doc.first_name, doc.middle_name, doc.last_name, doc.company_name);
    this.setPrimaryEmail();
    this.setPrimaryPhone("phone");
    this.setPrimaryPhone("mobile_no");
    await this.setUser();
    await this.setLinkTitles();
    if (cint(doc.sync_with_google_contacts) === 1 && !doc.google_contacts) {
      throw new ValidationError("Select Google Contacts to which contact should be synced.", { doctype: "Contact", field: "google_contacts" });
    }
    this.deduplicateLinks();
  }

  /** `email_id` mirrors the primary row; a single row is primary by itself; two primaries are refused. */
  private setPrimaryEmail(): void {
    const rows = rowsOf(this.doc, "email_ids");
    if (rows.length === 0) {
      this.doc.email_id = "";
      return;
    }
    if (rows.filter((row) => cint(row.is_primary) === 1).length > 1) {
      throw new ValidationError(`Only one ${bold("Email ID")} can be set as primary.`, { doctype: "Contact", field: "email_ids" });
    }
    if (rows.length === 1) (rows[0] as Doc).is_primary = 1;
    const primary = rows.find((row) => cint(row.is_primary) === 1);
    this.doc.email_id = primary ? cstr(primary.email_id).trim() : "";
  }

  /** Frappe's `set_primary` for `phone` / `mobile_no` from the `phone_nos` rows. */
  private setPrimaryPhone(fieldname: "phone" | "mobile_no"): void {
    const rows = rowsOf(this.doc, "phone_nos");
    const flag = `is_primary_${fieldname}`;
    if (rows.length === 0) {
      this.doc[fieldname] = "";
      return;
    }
    if (rows.filter((row) => cint(row[flag]) === 1).length > 1) {
      const label = fieldname === "phone" ? "Phone" : "Mobile No";
      throw new ValidationError(`Only one ${bold(label)} can be set as primary.`, { doctype: "Contact", field: "phone_nos" });
    }
    const primary = rows.find((row) => cint(row[flag]) === 1);
    this.doc[fieldname] = primary ? cstr(primary.phone) : "";
  }

  /** The User whose e-mail is the Contact's primary address. */
  private async setUser(): Promise<void> {
    if (this.doc.user || !this.doc.email_id) return;
    const [user] = await this.ctx.site.getList("User", { filters: { email: cstr(this.doc.email_id) }, limit: 1 });
    if (user) this.doc.user = user.name;
  }

  /** Frappe's `set_link_title`: each link shows its document's title (title field, else `title`, else name). */
  private async setLinkTitles(): Promise<void> {
    for (const link of rowsOf(this.doc, "links")) {
      const doctype = cstr(link.link_doctype);
      const name = cstr(link.link_name);
      if (link.link_title || !doctype || !name || !this.ctx.meta.has(doctype)) continue;
      const linked = await this.ctx.site.get(doctype, name);
      const meta = this.ctx.meta.get(doctype);
      const titleField = meta.title_field || (meta.fields.some((f) => f.fieldname === "title") ? "title" : "name");
      link.link_title = cstr(linked[titleField]) || name;
    }
  }

  /** Frappe's `deduplicate_dynamic_links`: one row per linked document, the first kept. */
  private deduplicateLinks(): void {
    const seen = new Set<string>();
    this.doc.links = rowsOf(this.doc, "links").filter((row) => {
      const key = JSON.stringify([row.link_doctype ?? null, row.link_name ?? null]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
