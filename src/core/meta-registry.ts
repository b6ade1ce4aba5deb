import { DoesNotExistError } from "../errors";
import { type DocField, type DocTypeMeta, isTableField } from "./meta";

/** The DocTypes a site knows, by name. Pure data; loading from disk lives in src/schema/doctype-loader.ts. */
export class MetaRegistry {
  private readonly metas = new Map<string, DocTypeMeta>();

  constructor(metas: Iterable<DocTypeMeta> = []) {
    for (const meta of metas) this.add(meta);
  }

  add(meta: DocTypeMeta): void {
    this.metas.set(meta.name, meta);
  }

  has(doctype: string): boolean {
    return this.metas.has(doctype);
  }

  /** Frappe's `frappe.get_meta`; an unknown DocType is `DocType X not found`. */
  get(doctype: string): DocTypeMeta {
    const meta = this.metas.get(doctype);
    if (!meta) throw new DoesNotExistError(`DocType ${doctype} not found`, { doctype: "DocType", docname: doctype });
    return meta;
  }

  names(): string[] {
    return [...this.metas.keys()].sort();
  }

  all(): DocTypeMeta[] {
    return [...this.metas.values()];
  }

  field(doctype: string, fieldname: string): DocField | undefined {
    return this.get(doctype).fields.find((f) => f.fieldname === fieldname);
  }

  tableFields(doctype: string): DocField[] {
    return this.get(doctype).fields.filter(isTableField);
  }

  /** The label Frappe shows for a field (falls back to the fieldname). */
  label(doctype: string, fieldname: string): string {
    return this.field(doctype, fieldname)?.label ?? fieldname;
  }

  /** M2: DocTypes that may be an Append To target (email_append_to, not a child table, not single). */
  appendToTargets(): string[] {
    return this.all()
      .filter((m) => m.email_append_to === 1 && m.istable !== 1 && m.issingle !== 1)
      .map((m) => m.name)
      .sort();
  }
}
