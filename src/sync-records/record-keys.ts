import { cstr, type Doc } from "../core/doc";
import type { FilterCondition, Site } from "../core/site";

/** What identifies a record on one site without reading it whole. */
export interface RecordKey {
  name: string;
  modified: string;
  /** Mail only: the message and the account it was filed under, which name the same mail on both sites. */
  naturalKey?: string;
}

/** Mail records are named by whichever site inserts them; the Message-ID within an account is the same on both. */
const MAIL_DOCTYPES: ReadonlySet<string> = new Set(["Communication", "Unhandled Email"]);
/** Names per `in (...)` condition: keeps each request small. */
const CHUNK = 100;

function keyFields(doctype: string): string[] {
  return MAIL_DOCTYPES.has(doctype) ? ["name", "modified", "message_id", "email_account"] : ["name", "modified"];
}

/** `message_id` + `email_account`, as the mail engine and the connector recognise a stored message; undefined without a Message-ID. */
export function naturalKeyOf(doc: Doc): string | undefined {
  if (!MAIL_DOCTYPES.has(doc.doctype)) return undefined;
  const messageId = cstr(doc.message_id).trim();
  return messageId ? `${messageId}\u0000${cstr(doc.email_account)}` : undefined;
}

function toKey(doctype: string, row: Doc): RecordKey {
  const naturalKey = naturalKeyOf({ ...row, doctype });
  return { name: cstr(row.name), modified: cstr(row.modified), ...(naturalKey ? { naturalKey } : {}) };
}

/** The keys of every record of `doctype` the conditions select, oldest first. */
export async function listKeys(site: Site, doctype: string, filters: FilterCondition[]): Promise<RecordKey[]> {
  const rows = await site.getList(doctype, { fields: keyFields(doctype), filters, orderBy: "creation asc, name asc", limit: 0 });
  return rows.map((row) => toKey(doctype, row));
}

/** The keys of the records named `names`, or holding one of the `messageIds`: the candidates for a set of records from the other site. */
export async function lookupKeys(site: Site, doctype: string, names: Iterable<string>, messageIds: Iterable<string> = []): Promise<RecordKey[]> {
  const found = new Map<string, RecordKey>();
  const fetch = async (field: string, values: string[]) => {
    for (let start = 0; start < values.length; start += CHUNK) {
      const chunk = values.slice(start, start + CHUNK);
      const rows = await site.getList(doctype, { fields: keyFields(doctype), filters: [[field, "in", chunk]], orderBy: "creation asc, name asc", limit: 0 });
      for (const row of rows) if (!found.has(cstr(row.name))) found.set(cstr(row.name), toKey(doctype, row));
    }
  };
  await fetch("name", [...new Set(names)].filter((name) => name !== ""));
  if (MAIL_DOCTYPES.has(doctype)) await fetch("message_id", [...new Set(messageIds)].filter((id) => id !== ""));
  return [...found.values()];
}

/** The message ID part of a natural key. */
export function messageIdOf(key: RecordKey): string | undefined {
  return key.naturalKey?.split("\u0000")[0];
}

/** One site's keys, looked up by name or by natural key (the oldest record when several share one). */
export class KeyIndex {
  readonly #byName = new Map<string, RecordKey>();
  readonly #byNatural = new Map<string, RecordKey>();

  constructor(keys: Iterable<RecordKey>) {
    for (const key of keys) {
      this.#byName.set(key.name, key);
      if (key.naturalKey && !this.#byNatural.has(key.naturalKey)) this.#byNatural.set(key.naturalKey, key);
    }
  }

  byName(name: string | undefined): RecordKey | undefined {
    return name === undefined ? undefined : this.#byName.get(name);
  }

  byNaturalKey(naturalKey: string | undefined): RecordKey | undefined {
    return naturalKey === undefined ? undefined : this.#byNatural.get(naturalKey);
  }
}
