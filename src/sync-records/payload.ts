import type { Doc } from "../core/doc";
import type { DocTypeMeta } from "../core/meta";
import type { MetaRegistry } from "../core/meta-registry";
import { rowsOf, rowValues, tableFields, valueFields } from "./field-values";
import { mailCursorFields } from "./mail-cursors";

/**
 * What a write sends for a record: the DocType's own fields, each one (a missing value as null, so
 * an emptied field is emptied on the other side too; a REST answer leaves nulls out), and its
 * tables. Bookkeeping columns and Password fields are never part of it; the caller adds the name,
 * the `modified` it last saw and, when one is copied, the secret.
 */
function ownValues(source: Doc, meta: DocTypeMeta, omit: readonly string[]): Doc {
  const payload: Doc = { doctype: meta.name };
  for (const field of valueFields(meta)) {
    if (field.fieldtype === "Password" || omit.includes(field.fieldname)) continue;
    payload[field.fieldname] = source[field.fieldname] ?? null;
  }
  return payload;
}

/** `pull`: the remote record as it is, child rows with their names (a local copy keeps them). */
export function pullPayload(remote: Doc, meta: MetaRegistry): Doc {
  const docMeta = meta.get(remote.doctype);
  const payload = ownValues(remote, docMeta, []);
  for (const table of tableFields(docMeta)) {
    const childMeta = meta.get(String(table.options));
    payload[table.fieldname] = rowsOf(remote[table.fieldname]).map((row) => ({
      ...ownValues(row, childMeta, []),
      ...(typeof row.name === "string" && row.name !== "" ? { name: row.name } : {}),
    }));
  }
  return payload;
}

/**
 * The remote row a local row becomes: the one of the same name (copied from there before), else
 * the first not yet taken whose own values, mail cursors aside, are the same.
 */
function matchRows(localRows: Doc[], remoteRows: Doc[], childMeta: DocTypeMeta): Array<Doc | undefined> {
  const cursors = mailCursorFields(childMeta.name);
  const taken = new Set<Doc>();
  const byName = new Map(remoteRows.map((row) => [String(row.name), row]));
  const key = (row: Doc) => JSON.stringify(rowValues(row, childMeta, cursors));
  return localRows.map((row) => {
    let match = byName.get(String(row.name));
    if (match && taken.has(match)) match = undefined;
    match ??= remoteRows.find((candidate) => !taken.has(candidate) && key(candidate) === key(row));
    if (match) taken.add(match);
    return match;
  });
}

/**
 * `push`: the local record without the mail engine's cursors (the site keeps its own, see
 * mail-cursors.ts). A row that matches a remote row takes that row's name and cursors, so the
 * site updates it in place; other rows are sent without a name and become new rows there.
 */
export function pushPayload(local: Doc, remote: Doc | undefined, meta: MetaRegistry): Doc {
  const docMeta = meta.get(local.doctype);
  const payload = ownValues(local, docMeta, mailCursorFields(docMeta.name));
  for (const table of tableFields(docMeta)) {
    const childMeta = meta.get(String(table.options));
    const cursors = mailCursorFields(childMeta.name);
    const localRows = rowsOf(local[table.fieldname]);
    const matches = matchRows(localRows, rowsOf(remote?.[table.fieldname]), childMeta);
    payload[table.fieldname] = localRows.map((row, index) => {
      const match = matches[index];
      const values = ownValues(row, childMeta, cursors);
      if (!match) return values;
      for (const field of cursors) values[field] = match[field] ?? null;
      return { ...values, name: match.name };
    });
  }
  return payload;
}
