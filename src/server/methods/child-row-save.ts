import { cstr, type Doc } from "../../core/doc";
import type { Site, WriteResult } from "../../core/site";
import { DoesNotExistError } from "../../errors";

/** True when `doctype` is a child table (`istable`), whose rows live inside a parent document. */
export function isChildDoctype(site: Site, doctype: string): boolean {
  return site.meta.has(doctype) && site.meta.get(doctype).istable === 1;
}

/**
 * Frappe's `frappe.client.set_value` on a child row: the row is changed inside its parent and the
 * parent is saved whole, through its lifecycle (its validation runs, its `modified` moves). The
 * answer is the parent, as Frappe's is.
 */
export async function saveChildRow(site: Site, doctype: string, name: string, changes: Record<string, unknown>): Promise<WriteResult> {
  const [row] = await site.getList(doctype, { fields: ["parent", "parenttype", "parentfield"], filters: { name }, limit: 1 });
  if (!row || cstr(row.parent) === "" || cstr(row.parenttype) === "") throw new DoesNotExistError(`${doctype} ${name} not found`, { doctype, docname: name });
  const parent = await site.get(cstr(row.parenttype), cstr(row.parent));
  const field = cstr(row.parentfield);
  const rows = Array.isArray(parent[field]) ? (parent[field] as Doc[]) : [];
  const changed = rows.map((child) => (child.name === name ? { ...child, ...changes } : child));
  return site.save({ doctype: parent.doctype, name: cstr(parent.name), [field]: changed });
}
