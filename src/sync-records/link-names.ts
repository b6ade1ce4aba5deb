import type { Doc } from "../core/doc";
import type { DocTypeMeta } from "../core/meta";
import type { MetaRegistry } from "../core/meta-registry";
import { isBlank, rowsOf, tableFields, valueFields } from "./field-values";
import type { SyncLedger } from "./sync-ledger";

/** The other site's name of a record, when the two differ; undefined keeps the name as it is. */
export type Rename = (doctype: string, name: string) => string | undefined;

function renameIn(doc: Doc, meta: DocTypeMeta, registry: MetaRegistry, rename: Rename): Doc {
  const copy: Doc = { ...doc };
  for (const field of valueFields(meta)) {
    const value = copy[field.fieldname];
    if (isBlank(value) || typeof value !== "string") continue;
    const target = field.fieldtype === "Link" ? field.options : field.fieldtype === "Dynamic Link" ? copy[String(field.options)] : undefined;
    if (typeof target !== "string" || target === "") continue;
    const renamed = rename(target, value);
    if (renamed !== undefined) copy[field.fieldname] = renamed;
  }
  for (const table of tableFields(meta)) {
    if (!Array.isArray(copy[table.fieldname])) continue;
    const childMeta = registry.get(String(table.options));
    copy[table.fieldname] = rowsOf(copy[table.fieldname]).map((row) => renameIn(row, childMeta, registry, rename));
  }
  return copy;
}

/**
 * A copy of `doc` whose Link and Dynamic Link values (child rows included) name the records as
 * the other site names them. A mail inserted on the other site got a name of its own there, so a
 * reply's `in_reply_to` or a timeline link to it must be translated, or it would point nowhere.
 */
export function renameLinks(doc: Doc, meta: MetaRegistry, rename: Rename): Doc {
  return renameIn(doc, meta.get(doc.doctype), meta, rename);
}

/** Local names to remote names, as the ledger knows them. */
export function toRemoteNames(ledger: SyncLedger): Rename {
  return (doctype, name) => ledger.get(doctype, name)?.remoteName;
}

/** Remote names to local names, as the ledger knows them. */
export function toLocalNames(ledger: SyncLedger): Rename {
  return (doctype, name) => ledger.localNameFor(doctype, name);
}

/** The records of `doctype` that `doc`'s links name (to order inserts: a mail after the one it answers). */
export function linkedNames(doc: Doc, meta: MetaRegistry, doctype: string): string[] {
  const names: string[] = [];
  renameLinks(doc, meta, (target, name) => {
    if (target === doctype) names.push(name);
    return undefined;
  });
  return names;
}
