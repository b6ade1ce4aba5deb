import type { Doc } from "../core/doc";
import type { Site } from "../core/site";
import { compareRecords } from "./compare-records";
import { valueFields } from "./field-values";

/**
 * A copy goes through this site's lifecycle, whose controllers may set fields their own way (a
 * Communication inserted here starts as "Open", whatever the site had). The remote values of such
 * fields are written back directly (`setValue`, `modified` left alone), so the copy is exact.
 * Tables cannot be written that way: a table the controllers changed is kept and reported.
 */
export async function restoreCopiedValues(local: Site, stored: Doc, remote: Doc, ignore: readonly string[]): Promise<string | undefined> {
  const differences = compareRecords(stored, remote, local.meta, { passwords: "ignore", ignore });
  if (differences.length === 0) return undefined;
  const plain = new Set(valueFields(local.meta.get(stored.doctype)).map((field) => field.fieldname));
  const values: Record<string, unknown> = {};
  const tables: string[] = [];
  for (const { field } of differences) {
    if (plain.has(field)) values[field] = remote[field] ?? null;
    else tables.push(field);
  }
  if (Object.keys(values).length > 0) await local.setValue(stored.doctype, String(stored.name), values, { updateModified: false });
  return tables.length > 0 ? `the local controllers changed ${tables.join(", ")}; kept as they made it` : undefined;
}
