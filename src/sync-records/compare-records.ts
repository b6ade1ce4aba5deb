import type { Doc } from "../core/doc";
import type { MetaRegistry } from "../core/meta-registry";
import { sameFieldValue, tableFields, tableValues, valueFields } from "./field-values";
import { hasSecret } from "./passwords";

/** One field whose two copies differ. Password fields show only whether a secret is stored, never a value. */
export interface FieldDifference {
  field: string;
  local: unknown;
  remote: unknown;
}

export interface CompareOptions {
  /** Fields left out of the comparison (e.g. `awaiting_password` of an account pulled without its password). */
  ignore?: readonly string[];
  /** `presence`: a Password field differs when one side stores a secret and the other not; `ignore`: never. */
  passwords: "presence" | "ignore";
  /** Password fields whose two secrets were read and found different. */
  differentSecrets?: readonly string[];
  /** Fields of child rows left out, by child DocType (e.g. the IMAP Folder's mail cursors on push). */
  ignoreRowFields?: (childDoctype: string) => readonly string[];
}

const SET = "(set)";
const NOT_SET = "(not set)";

function secretLabel(doc: Doc, field: string): string {
  return hasSecret(doc, field) ? SET : NOT_SET;
}

/**
 * The fields of one record whose local and remote copies differ, in DocType order. Only the
 * DocType's own fields count: the bookkeeping columns (modified, creation, owner, modified_by,
 * docstatus, idx) and child rows' names, parents and positions are not compared; rows are compared
 * in order on their own fields.
 */
export function compareRecords(local: Doc, remote: Doc, meta: MetaRegistry, options: CompareOptions): FieldDifference[] {
  const docMeta = meta.get(local.doctype);
  const ignored = new Set(options.ignore ?? []);
  const differentSecrets = new Set(options.differentSecrets ?? []);
  const differences: FieldDifference[] = [];
  for (const field of valueFields(docMeta)) {
    const name = field.fieldname;
    if (ignored.has(name)) continue;
    if (field.fieldtype === "Password") {
      if (options.passwords === "ignore") continue;
      const presenceDiffers = hasSecret(local, name) !== hasSecret(remote, name);
      if (presenceDiffers) differences.push({ field: name, local: secretLabel(local, name), remote: secretLabel(remote, name) });
      else if (differentSecrets.has(name)) differences.push({ field: name, local: SET, remote: "(set, different)" });
      continue;
    }
    if (!sameFieldValue(field, local[name], remote[name])) differences.push({ field: name, local: local[name] ?? null, remote: remote[name] ?? null });
  }
  for (const table of tableFields(docMeta)) {
    if (ignored.has(table.fieldname)) continue;
    const localRows = tableValues(local[table.fieldname], table, meta, options.ignoreRowFields);
    const remoteRows = tableValues(remote[table.fieldname], table, meta, options.ignoreRowFields);
    if (JSON.stringify(localRows) !== JSON.stringify(remoteRows)) differences.push({ field: table.fieldname, local: localRows, remote: remoteRows });
  }
  return differences;
}
