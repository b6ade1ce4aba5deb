import { bold, LinkExistsError, LinkValidationError } from "../errors";
import { cint, type Doc } from "./doc";
import type { DocField, DocTypeMeta } from "./meta";
import type { MetaRegistry } from "./meta-registry";
import type { RecordStore } from "./store";

/**
 * DocTypes whose links never block a delete (Frappe's `ignore_links_on_delete` hook):
 * deleting an Email Account keeps its Communications, Unhandled Emails and queue rows.
 */
export const IGNORE_LINKS_ON_DELETE: ReadonlySet<string> = new Set([
  "Communication",
  "Communication Link",
  "ToDo",
  "File",
  "Email Queue",
  "Email Queue Recipient",
  "Unhandled Email",
]);

const NUMERIC_TYPES = new Set(["Check", "Int", "Float", "Currency", "Percent"]);

/** The DocType a Link / Dynamic Link field points at, for this row. */
function linkTarget(field: DocField, row: Doc): string | undefined {
  if (field.fieldtype === "Link") return field.options || undefined;
  if (field.fieldtype === "Dynamic Link" && field.options) {
    const target = row[field.options];
    return typeof target === "string" && target ? target : undefined;
  }
  return undefined;
}

function rowsOf(doc: Doc, meta: DocTypeMeta, registry: MetaRegistry): Array<{ row: Doc; meta: DocTypeMeta; isChild: boolean }> {
  const rows: Array<{ row: Doc; meta: DocTypeMeta; isChild: boolean }> = [{ row: doc, meta, isChild: false }];
  for (const table of meta.fields.filter((f) => f.fieldtype === "Table" || f.fieldtype === "Table MultiSelect")) {
    const children = doc[table.fieldname];
    if (!Array.isArray(children) || !table.options) continue;
    const childMeta = registry.get(table.options);
    for (const child of children as Doc[]) rows.push({ row: child, meta: childMeta, isChild: true });
  }
  return rows;
}

/**
 * Frappe's `_validate_links`: every Link / Dynamic Link value must name an existing record,
 * and fields with `fetch_from` are copied from the linked record on every save.
 * A target DocType this site has no meta for cannot be checked here and is accepted.
 * Deliberate deviation: v15 silently accepts a missing link that has fetch_from dependents
 * (e.g. an unknown Email Account `domain`); we refuse it like any other missing link.
 */
export function validateLinksAndFetch(doc: Doc, meta: DocTypeMeta, registry: MetaRegistry, store: RecordStore): void {
  const invalid: string[] = [];
  for (const { row, meta: rowMeta, isChild } of rowsOf(doc, meta, registry)) {
    const linked = new Map<string, Doc | undefined>();
    for (const field of rowMeta.fields) {
      const value = row[field.fieldname];
      const target = linkTarget(field, row);
      if (!target || typeof value !== "string" || value === "") continue;
      let found: boolean;
      if (target === "DocType") found = registry.has(value);
      else if (!registry.has(target)) continue;
      else {
        const record = store.load(target, value);
        linked.set(field.fieldname, record);
        found = record !== undefined;
      }
      if (!found) {
        const label = field.label ?? field.fieldname;
        invalid.push(isChild ? `${bold(rowMeta.name)} Row #${cint(row.idx)}: ${label}: ${value}` : `${label}: ${value}`);
      }
    }
    copyFetchedValues(row, rowMeta, linked);
  }
  if (invalid.length > 0) {
    throw new LinkValidationError(`Could not find ${invalid.join(", ")}`, { doctype: meta.name, docname: doc.name ?? "" });
  }
}

/** Copies the `fetch_from` fields of `row` from the linked records given by link fieldname. */
export function copyFetchedValues(row: Doc, meta: DocTypeMeta, linked: ReadonlyMap<string, Doc | undefined>): void {
  for (const field of meta.fields) {
    if (!field.fetch_from) continue;
    const [linkField, sourceField] = field.fetch_from.split(".");
    if (!linkField || !sourceField) continue;
    const source = linked.get(linkField);
    if (!source) continue;
    const current = row[field.fieldname];
    if (field.fetch_if_empty && current !== undefined && current !== null && current !== "" && current !== 0) continue;
    const value = source[sourceField];
    row[field.fieldname] = value ?? (NUMERIC_TYPES.has(field.fieldtype) ? 0 : null);
  }
}

/**
 * Frappe's `check_if_doc_is_linked`: a record another record links to cannot be deleted,
 * except from the DocTypes in IGNORE_LINKS_ON_DELETE.
 */
export function assertNotLinked(doctype: string, name: string, registry: MetaRegistry, store: RecordStore): void {
  for (const meta of registry.all()) {
    if (IGNORE_LINKS_ON_DELETE.has(meta.name)) continue;
    for (const field of meta.fields) {
      if (field.fieldtype !== "Link" || field.options !== doctype) continue;
      const [hit] = store.list(meta.name, {
        fields: meta.istable ? ["name", "parent", "parenttype"] : ["name"],
        filters: [[field.fieldname, "=", name]],
        limit: 1,
      });
      if (!hit) continue;
      const parentType = meta.istable ? String(hit.parenttype) : meta.name;
      if (IGNORE_LINKS_ON_DELETE.has(parentType)) continue;
      const parentName = meta.istable ? String(hit.parent) : String(hit.name);
      if (parentType === doctype && parentName === name) continue;
      throw new LinkExistsError(
        `Cannot delete or cancel because ${doctype} ${bold(name)} is linked with ${parentType} ${bold(parentName)}`,
        { doctype, docname: name },
      );
    }
  }
}
