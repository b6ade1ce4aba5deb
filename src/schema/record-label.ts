import type { Doc } from "../core/doc";
import type { DocField, DocTypeMeta } from "../core/meta";

/**
 * Names for our own (non-Frappe) DataError messages, which say which record and field a bad
 * value sits in: `Email Account "Support": field enable_incoming (Enable Incoming) must be 0 or 1, got "yes"`.
 */

/** `Email Account "Support"`; a new record without a name uses its `field:` autoname value, else `(new)`. */
export function recordLabel(meta: DocTypeMeta, doc: Doc): string {
  const name = typeof doc.name === "string" && doc.name !== "" ? doc.name : autonameValue(meta, doc);
  return name === undefined ? `${meta.name} (new)` : `${meta.name} "${name}"`;
}

/** `Email Account "Support", IMAP Folder row 2`. */
export function rowLabel(parentLabel: string, childDoctype: string, position: number): string {
  return `${parentLabel}, ${childDoctype} row ${position}`;
}

/** `enable_incoming (Enable Incoming)`, or just the fieldname when it has no label. */
export function fieldLabel(field: DocField): string {
  return field.label ? `${field.fieldname} (${field.label})` : field.fieldname;
}

/** The offending value for a message: JSON text, shortened; never a Password field's value. */
export function describeValue(field: DocField | undefined, value: unknown): string {
  if (field?.fieldtype === "Password") return `a ${typeName(value)} (value hidden)`;
  let text: string;
  try {
    text = value === undefined ? "undefined" : JSON.stringify(value);
  } catch {
    text = typeName(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value === "object" ? "object" : typeof value;
}

function autonameValue(meta: DocTypeMeta, doc: Doc): string | undefined {
  const autoname = meta.autoname ?? "";
  if (!autoname.startsWith("field:")) return undefined;
  const value = doc[autoname.slice("field:".length)];
  return typeof value === "string" && value !== "" ? value : undefined;
}
