import type { DocumentContext } from "../../src/core/context";
import { cstr, type Doc } from "../../src/core/doc";
import { parseAddr } from "./addresses";

async function firstValue(ctx: DocumentContext, doctype: string, filters: Record<string, unknown>, fields: string[]): Promise<Doc | undefined> {
  const [row] = await ctx.site.getList(doctype, { fields, filters, limit: 1 });
  return row;
}

/**
 * P18 sender normalisation (Frappe's `set_sender_full_name`), only when no full name was given:
 * `Administrator` and `Guest` are the site's users; otherwise `Name <addr>` is split, and a missing
 * name is looked up from the User, then the Contact with that address, else the address itself.
 */
export async function normaliseSender(ctx: DocumentContext, doc: Doc): Promise<void> {
  const sender = cstr(doc.sender);
  if (cstr(doc.sender_full_name) !== "" || sender === "") return;

  if (sender === "Administrator") {
    const admin = await firstValue(ctx, "User", { name: "Administrator" }, ["full_name", "email"]);
    doc.sender_full_name = admin?.full_name ?? null;
    doc.sender = admin?.email ?? null;
    return;
  }
  if (sender === "Guest") {
    doc.sender_full_name = sender;
    doc.sender = null;
    return;
  }

  const parsed = parseAddr(sender);
  doc.sender = parsed.email;
  let fullName = parsed.name === parsed.email ? "" : cstr(parsed.name);
  if (!fullName) fullName = cstr((await firstValue(ctx, "User", { name: parsed.email }, ["full_name"]))?.full_name);
  if (!fullName) {
    const contact = await firstValue(ctx, "Contact", { email_id: parsed.email }, ["first_name", "last_name"]);
    // Frappe joins the two without a space ("JaneDoe"); kept so both sites store the same text.
    fullName = cstr(contact?.first_name) + cstr(contact?.last_name);
  }
  doc.sender_full_name = fullName || parsed.email;
}
