import type { Doc } from "../core/doc";
import type { DocField, DocTypeMeta } from "../core/meta";
import type { FrappeError, FrappeErrorOptions } from "../errors";
import { childTables, type MetaSource } from "./meta-source";

/** One record under validation: the parent, or one of its child rows. */
export interface ValidationTarget {
  meta: DocTypeMeta;
  doc: Doc;
  /** Child rows only: the parent record, the table field and Frappe's row number. */
  parent?: Doc;
  parentMeta?: DocTypeMeta;
  table?: DocField;
  idx?: number;
}

/** A validation failure with the record it is about; `table` and `idx` name a child row. */
export interface RecordIssue {
  error: FrappeError;
  doctype: string;
  field?: string;
  table?: string;
  idx?: number;
}

/** The parent record first, then every child row in table and row order (Frappe's `get_all_children`). */
export function validationTargets(meta: DocTypeMeta, doc: Doc, getMeta: MetaSource | undefined): ValidationTarget[] {
  const targets: ValidationTarget[] = [{ meta, doc }];
  for (const { table, meta: childMeta, rows } of childTables(meta, doc, getMeta)) {
    for (const { row, idx } of rows) targets.push({ meta: childMeta, doc: row, parent: doc, parentMeta: meta, table, idx });
  }
  return targets;
}

export function isChildRow(target: ValidationTarget): boolean {
  return target.table !== undefined;
}

/** Error options naming the record (a child row by its DocType and name) and the field. */
export function errorOptions(target: ValidationTarget, field?: string, title?: string): FrappeErrorOptions {
  return {
    doctype: target.meta.name,
    ...(typeof target.doc.name === "string" && target.doc.name !== "" ? { docname: target.doc.name } : {}),
    ...(field === undefined ? {} : { field }),
    ...(title === undefined ? {} : { title }),
  };
}

export function toIssue(target: ValidationTarget, error: FrappeError, field?: string): RecordIssue {
  return {
    error,
    doctype: target.meta.name,
    ...(field === undefined ? {} : { field }),
    ...(target.table ? { table: target.table.fieldname } : {}),
    ...(target.idx === undefined ? {} : { idx: target.idx }),
  };
}

/** The label Frappe prints for a field (`_(df.label)`); unlabeled fields fall back to the fieldname. */
export function frappeLabel(field: DocField): string {
  return field.label ?? field.fieldname;
}
