import type { DocumentContext } from "../../src/core/context";
import { cstr, type Doc } from "../../src/core/doc";

/** The document a Communication is about, or undefined when it has no (known, existing) reference. */
async function referencedDocument(ctx: DocumentContext, doc: Doc): Promise<Doc | undefined> {
  const doctype = cstr(doc.reference_doctype);
  const name = cstr(doc.reference_name);
  if (!doctype || !name || !ctx.meta.has(doctype)) return undefined;
  if (!(await ctx.site.exists(doctype, name))) return undefined;
  return ctx.site.get(doctype, name);
}

/**
 * P24 (Frappe's `update_parent_document_on_communication`), the status part only: a Received mail
 * puts a referenced document whose status is `Replied` back to `Open` (an Issue whatever its
 * status), provided its `status` Select offers `Open`. Response-time figures and assignment
 * rules are not kept by this project.
 */
export async function reopenReferencedDocument(ctx: DocumentContext, doc: Doc): Promise<void> {
  if (doc.sent_or_received !== "Received") return;
  const parent = await referencedDocument(ctx, doc);
  if (!parent) return;
  const statusField = ctx.meta.field(parent.doctype, "status");
  if (!statusField) return;
  const options = cstr(statusField.options).split("\n");
  if (!options.includes("Open")) return;
  if (parent.status === "Replied" || parent.doctype === "Issue") {
    await ctx.site.setValue(parent.doctype, cstr(parent.name), { status: "Open" });
  }
}

/** A Sent Communication that answers another Communication marks that one `Replied` (Frappe's after_insert). */
export async function markAnsweredCommunication(ctx: DocumentContext, doc: Doc): Promise<void> {
  if (doc.reference_doctype !== "Communication" || doc.sent_or_received !== "Sent") return;
  const name = cstr(doc.reference_name);
  if (name && (await ctx.site.exists("Communication", name))) {
    await ctx.site.setValue("Communication", name, { status: "Replied" });
  }
}
