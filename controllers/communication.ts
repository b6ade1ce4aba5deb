import { Controller } from "../src/core/controller";
import { cint, cstr, type Doc } from "../src/core/doc";
import { ValidationError } from "../src/errors";
import { automaticLinkingEnabled, parseAutomaticLinks } from "./communication/automatic-linking";
import { contactLinks, contactsForAddresses } from "./communication/contacts";
import { markAnsweredCommunication, reopenReferencedDocument } from "./communication/reference-status";
import { normaliseSender } from "./communication/sender";
import { firstCharacters, stripHtml } from "./communication/text";
import { addTimelineLink, deduplicateTimelineLinks } from "./communication/timeline-links";

export { parseAutomaticLinkAddress } from "./communication/automatic-linking";

/**
 * Frappe's Communication controller (frappe/core/doctype/communication/communication.py), the rules
 * a local site needs: P18 validation, P19 contacts, P24 effects on the referenced document.
 * Realtime notifications, signatures, comment counts and response-time figures are left out.
 */
export class Communication extends Controller {
  override async validate(): Promise<void> {
    await this.validateReference();
    const doc = this.doc;
    if (!doc.user) doc.user = this.ctx.user;
    if (!doc.subject) doc.subject = stripHtml(firstCharacters(cstr(doc.content), 141));
    if (!doc.sent_or_received) {
      doc.seen = 1;
      doc.sent_or_received = "Sent";
    }
    if (!doc.send_after) doc.send_after = null; // an empty string is stored as NULL

    if (doc.communication_medium === "Email") {
      const automaticLinking = await automaticLinkingEnabled(this.ctx.site);
      if (automaticLinking) await this.linkDocumentsNamedInAddresses();
      await this.linkContacts(automaticLinking);
      deduplicateTimelineLinks(doc);
    }

    await normaliseSender(this.ctx, doc);
    if (this.isNew()) {
      this.setStatus();
      await this.markEmailAsSpam();
    }
  }

  override async after_insert(): Promise<void> {
    await markAnsweredCommunication(this.ctx, this.doc);
  }

  override async on_update(): Promise<void> {
    await reopenReferencedDocument(this.ctx, this.doc);
  }

  /** P18 reference checks: owner copied, no child-table reference, no circular chain of Communications. */
  private async validateReference(): Promise<void> {
    const doctype = cstr(this.doc.reference_doctype);
    const name = cstr(this.doc.reference_name);
    if (!doctype || !name) return;
    if (!this.doc.reference_owner && (await this.ctx.site.exists(doctype, name))) {
      this.doc.reference_owner = (await this.ctx.site.get(doctype, name)).owner ?? null;
    }
    if (this.ctx.meta.has(doctype) && cint(this.ctx.meta.get(doctype).istable) === 1) {
      throw new ValidationError(`Cannot create a ${cstr(this.doc.communication_type)} against a child document: ${doctype}`, {
        doctype: "Communication",
        field: "reference_doctype",
      });
    }
    if (doctype === "Communication" && (await this.referencesCircularly(name))) {
      throw new ValidationError("Please make sure the Reference Communication Docs are not circularly linked.", {
        doctype: "Communication",
        field: "reference_name",
      });
    }
  }

  /** Follows the chain of referenced Communications; true when it comes back to this one. */
  private async referencesCircularly(firstName: string): Promise<boolean> {
    const visited = new Set<string>();
    let current: Doc | undefined = await this.communication(firstName);
    while (current && current.reference_doctype === "Communication") {
      const next = cstr(current.reference_name);
      if (next === this.doc.name) return true;
      if (visited.has(next)) return false; // a loop that does not include this record
      visited.add(next);
      current = await this.communication(next);
    }
    return false;
  }

  private async communication(name: string): Promise<Doc | undefined> {
    return (await this.ctx.site.exists("Communication", name)) ? this.ctx.site.get("Communication", name) : undefined;
  }

  /** P18 automatic linking: each `+DocType+Name` address whose document exists becomes a timeline link. */
  private async linkDocumentsNamedInAddresses(): Promise<void> {
    const doc = this.doc;
    for (const { doctype, docname } of parseAutomaticLinks([doc.recipients, doc.cc, doc.bcc])) {
      // Frappe ignores a DocType it does not know (its lookup runs with ignore=True).
      if (!this.ctx.meta.has(doctype) || !(await this.ctx.site.exists(doctype, docname))) continue;
      addTimelineLink(doc, doctype, docname);
      if (!doc.reference_doctype) {
        doc.reference_doctype = doctype;
        doc.reference_name = docname;
      }
    }
  }

  /** P19: the Contacts of every address, and the documents those Contacts link to, join the timeline. */
  private async linkContacts(automaticLinking: boolean): Promise<void> {
    const doc = this.doc;
    const createContact = await this.accountCreatesContacts();
    const contacts = await contactsForAddresses(this.ctx, [doc.sender, doc.recipients, doc.cc, doc.bcc], {
      createContact,
      automaticLinking,
    });
    for (const contact of contacts) {
      addTimelineLink(doc, "Contact", contact);
      for (const link of await contactLinks(this.ctx, contact)) addTimelineLink(doc, link.link_doctype, link.link_name);
    }
  }

  private async accountCreatesContacts(): Promise<boolean> {
    const account = cstr(this.doc.email_account);
    if (!account) return false;
    const [row] = await this.ctx.site.getList("Email Account", { fields: ["create_contact"], filters: { name: account }, limit: 1 });
    return cint(row?.create_contact) === 1;
  }

  /** Status on insert: `Linked` with a reference, else `Open` for a Communication, else `Closed`. */
  private setStatus(): void {
    const doc = this.doc;
    if (doc.reference_doctype && doc.reference_name) doc.status = "Linked";
    else if (doc.communication_type === "Communication") doc.status = "Open";
    else doc.status = "Closed";
    if (doc.send_after) doc.delivery_status = "Scheduled";
  }

  /** A Received e-mail from a sender an Email Rule marks as spam (only when the site has Email Rules). */
  private async markEmailAsSpam(): Promise<void> {
    const doc = this.doc;
    if (doc.communication_type !== "Communication" || doc.communication_medium !== "Email" || doc.sent_or_received !== "Received") return;
    if (!this.ctx.meta.has("Email Rule")) return;
    if ((await this.ctx.site.count("Email Rule", { email_id: cstr(doc.sender), is_spam: 1 })) > 0) doc.email_status = "Spam";
  }
}
