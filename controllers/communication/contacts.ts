import type { DocumentContext } from "../../src/core/context";
import { cstr, type Doc } from "../../src/core/doc";
import { getAddresses } from "./addresses";
import { emailWithoutLink } from "./automatic-linking";
import { unscrub } from "./text";

export interface ContactLookupOptions {
  /** The Communication's Email Account has `create_contact` = 1. */
  createContact: boolean;
  /** Some Email Account has automatic linking on: strip the `+...` part of each address first. */
  automaticLinking: boolean;
}

/** Frappe's `get_contact_name`: the first existing Contact that has this address among its `email_ids`. */
export async function findContactByEmail(ctx: DocumentContext, email: string): Promise<string | undefined> {
  const rows = await ctx.site.getList("Contact Email", {
    fields: ["parent"],
    filters: { email_id: email, parenttype: "Contact" },
    limit: 0,
  });
  for (const row of rows) {
    const parent = cstr(row.parent);
    if (parent !== "" && (await ctx.site.exists("Contact", parent))) return parent;
  }
  return undefined;
}

/**
 * The first name Frappe gives a Contact it creates for an address: the local part unscrubbed
 * (`_` and `-` become spaces, title case, dots kept); exactly `Contact` becomes `Contact-{domain}`.
 */
export function contactFirstNameFor(email: string): string {
  const [local = "", domain] = email.split("@");
  const firstName = unscrub(local);
  return firstName === "Contact" ? `${firstName}-${domain ?? ""}` : firstName;
}

/** Creates the Contact for an address; any failure is logged and ignored, as Frappe does. */
async function createContact(ctx: DocumentContext, email: string): Promise<string | undefined> {
  try {
    const { doc } = await ctx.site.insert({
      doctype: "Contact",
      first_name: contactFirstNameFor(email),
      email_ids: [{ doctype: "Contact Email", email_id: email, is_primary: 1 }],
    });
    return cstr(doc.name);
  } catch (err) {
    ctx.log.warn({ err, email }, "Unable to add contact");
    return undefined;
  }
}

/**
 * P19 (Frappe's `get_contacts`): the Contact of each address in sender, To, CC and BCC, in that
 * order (duplicates kept; the caller deduplicates the timeline links). An unknown address gets a new
 * Contact only when `createContact` is on.
 */
export async function contactsForAddresses(
  ctx: DocumentContext,
  texts: readonly unknown[],
  options: ContactLookupOptions,
): Promise<string[]> {
  const contacts: string[] = [];
  for (const address of getAddresses(texts)) {
    const email = options.automaticLinking ? emailWithoutLink(address) : address;
    let contact = await findContactByEmail(ctx, email);
    if (!contact && email && options.createContact) contact = await createContact(ctx, email);
    if (contact) contacts.push(contact);
  }
  return contacts;
}

/** The documents a Contact links to (its `links` Dynamic Link rows, e.g. a Customer). */
export async function contactLinks(ctx: DocumentContext, contactName: string): Promise<Array<{ link_doctype: string; link_name: string }>> {
  const contact: Doc = await ctx.site.get("Contact", contactName);
  const rows = Array.isArray(contact.links) ? (contact.links as Doc[]) : [];
  return rows
    .filter((row) => cstr(row.link_doctype) !== "" && cstr(row.link_name) !== "")
    .map((row) => ({ link_doctype: cstr(row.link_doctype), link_name: cstr(row.link_name) }));
}
