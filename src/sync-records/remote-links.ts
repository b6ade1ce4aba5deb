import type { Doc } from "../core/doc";
import type { MetaRegistry } from "../core/meta-registry";
import type { Site } from "../core/site";
import { isBlank, rowsOf, tableFields, valueFields } from "./field-values";

const CHUNK = 100;

/** The Dynamic Link targets in `doc`'s child rows, as [row's table, row, target doctype, target name]. */
function rowTargets(doc: Doc, meta: MetaRegistry): Array<{ table: string; row: Doc; doctype: string; name: string }> {
  const targets: Array<{ table: string; row: Doc; doctype: string; name: string }> = [];
  for (const table of tableFields(meta.get(doc.doctype))) {
    const dynamic = valueFields(meta.get(String(table.options))).filter((field) => field.fieldtype === "Dynamic Link");
    for (const row of rowsOf(doc[table.fieldname])) {
      for (const field of dynamic) {
        const doctype = row[String(field.options)];
        const name = row[field.fieldname];
        if (typeof doctype === "string" && doctype !== "" && typeof name === "string" && !isBlank(name)) targets.push({ table: table.fieldname, row, doctype, name });
      }
    }
  }
  return targets;
}

/**
 * Timeline rows (a mail's links to Contacts and documents) may name records the other site does
 * not have: Contacts this site created for the senders, documents it filed mail under. The site
 * would refuse the whole record for one such row; its own controllers link the mail to its own
 * Contacts. So rows whose target the site lacks are left out of what is sent. Existence is asked
 * in batches and remembered for the run.
 */
export class RemoteLinks {
  readonly #known = new Map<string, boolean>();

  constructor(private readonly site: Site) {}

  /** Asks the site about every target of `docs` not asked about yet, a batch per DocType. */
  async prefetch(docs: Doc[]): Promise<void> {
    const wanted = new Map<string, Set<string>>();
    for (const doc of docs) {
      for (const { doctype, name } of rowTargets(doc, this.site.meta)) {
        if (this.#known.has(`${doctype}\u0000${name}`)) continue;
        const names = wanted.get(doctype) ?? new Set<string>();
        names.add(name);
        wanted.set(doctype, names);
      }
    }
    for (const [doctype, names] of wanted) {
      const list = [...names];
      for (let start = 0; start < list.length; start += CHUNK) {
        const chunk = list.slice(start, start + CHUNK);
        let found: Set<string> | undefined;
        try {
          const rows = await this.site.getList(doctype, { fields: ["name"], filters: [["name", "in", chunk]], limit: 0 });
          found = new Set(rows.map((row) => String(row.name)));
        } catch {
          // A DocType this side cannot list: the rows are sent, and the site itself decides.
          found = undefined;
        }
        for (const name of chunk) this.#known.set(`${doctype}\u0000${name}`, found ? found.has(name) : true);
      }
    }
  }

  /** A copy of `doc` without the child rows whose Dynamic Link target the site lacks. */
  async withoutMissingTargets(doc: Doc): Promise<Doc> {
    await this.prefetch([doc]);
    const missing = new Set<Doc>(rowTargets(doc, this.site.meta).filter(({ doctype, name }) => this.#known.get(`${doctype}\u0000${name}`) === false).map((t) => t.row));
    if (missing.size === 0) return doc;
    const copy: Doc = { ...doc };
    for (const table of tableFields(this.site.meta.get(doc.doctype))) {
      if (Array.isArray(copy[table.fieldname])) copy[table.fieldname] = rowsOf(copy[table.fieldname]).filter((row) => !missing.has(row));
    }
    return copy;
  }
}
