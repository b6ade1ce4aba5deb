import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";

/** How many of a mail's References (the newest) are looked up. */
export const MAX_THREAD_IDS = 30;

/** What a reply answers: the Communication (P14) and, for mail we sent, its Email Queue row. */
export interface ThreadParent {
  communication?: Doc;
  queue?: Doc;
}

const COMMUNICATION_FIELDS = ["name", "message_id", "email_account", "reference_doctype", "reference_name", "creation"];
const QUEUE_FIELDS = ["name", "message_id", "communication", "reference_doctype", "reference_name"];

/** In-Reply-To first, then References newest first, then a report's returned original, each once. */
export function threadIds(inReplyTo: readonly string[], references: readonly string[], reported: readonly string[] = []): string[] {
  const ids = [...inReplyTo, ...[...references].reverse(), ...reported].filter((id) => id !== "");
  return [...new Set(ids)].slice(0, MAX_THREAD_IDS);
}

async function communication(site: Site, name: string): Promise<Doc | undefined> {
  if (name === "" || !(await site.exists("Communication", name))) return undefined;
  const [row] = await site.getList("Communication", { fields: COMMUNICATION_FIELDS, filters: { name }, limit: 1 });
  return row;
}

/**
 * P14, over every id of In-Reply-To and References (newest first): a Communication of ANY account
 * with that `message_id` (a reply to mail sent from account A may arrive in account B; this
 * account's own copy preferred), else an Email Queue row with that `message_id` (stored with or
 * without brackets) and its Communication, else the old `<{communication name}@{site host}>` form
 * (only for ids at this site's host: Frappe tries any id's local part as a Communication name).
 */
export async function findThreadParent(site: Site, ids: readonly string[], accountName: string, siteHost: string): Promise<ThreadParent> {
  if (ids.length === 0) return {};
  const communications = await site.getList("Communication", {
    fields: COMMUNICATION_FIELDS,
    filters: [["message_id", "in", [...ids]]],
    orderBy: "creation desc",
    limit: 0,
  });
  const queued = await site.getList("Email Queue", {
    fields: QUEUE_FIELDS,
    filters: [["message_id", "in", ids.flatMap((id) => [id, `<${id}>`])]],
    orderBy: "creation desc",
    limit: 0,
  });
  for (const id of ids) {
    const matches = communications.filter((row) => sameId(row.message_id, id));
    const own = matches.find((row) => cstr(row.email_account) === accountName);
    if (matches.length > 0) return { communication: own ?? matches[0] };

    const queue = queued.find((row) => sameId(row.message_id, id));
    if (queue) {
      const parent = await communication(site, cstr(queue.communication));
      return parent ? { queue, communication: parent } : { queue };
    }

    const at = id.lastIndexOf("@");
    if (at > 0 && id.slice(at + 1).toLowerCase() === siteHost.toLowerCase()) {
      const byName = await communication(site, id.slice(0, at));
      if (byName) return { communication: byName };
    }
  }
  return {};
}

/** Ids compare as the site compares text (ignoring case), brackets aside. */
function sameId(stored: unknown, id: string): boolean {
  return cstr(stored).trim().replace(/^<|>$/g, "").toLowerCase() === id.toLowerCase();
}
