import { formatDatetime } from "../../core/datetime";
import { cstr } from "../../core/doc";
import type { Site } from "../../core/site";

/** P15: a subject match only looks at documents created in the last 60 days. */
export const SUBJECT_MATCH_DAYS = 60;

/** P15a: the text after the last `#`, spaces and parentheses trimmed (`Re: Order (#SO-0042)` -> `SO-0042`). */
export function nameFromSubject(subject: string): string {
  const tail = subject.slice(subject.lastIndexOf("#") + 1);
  return tail.replace(/^[ ()]+|[ ()]+$/g, "");
}

/**
 * P15b, Frappe's `clean_subject`: a leading `fw`/`fwd`/`wg…:` and every `re…:` / `aw…:` segment
 * removed, case-insensitively, then trimmed (`RE: RE: New todo` -> `New todo`). Frappe's pattern,
 * including its looseness (a `re…:` inside a word counts too), so both sites match alike.
 */
export function cleanSubject(subject: string): string {
  return subject.replace(/(^\s*(fw|fwd|wg)[^:]*:|\s*(re|aw)[^:]*:\s*)/gi, "").trim();
}

/** Frappe's `is_system_user`: an enabled System User has this e-mail address. */
async function isSystemUser(site: Site, email: string): Promise<boolean> {
  if (email === "") return false;
  return (await site.count("User", { email, enabled: 1, user_type: "System User" })) > 0;
}

/**
 * P15 (account-level Append To only): the document of `doctype` this mail continues — by the name
 * after `#` in the subject, else the most recently modified one created in the last 60 days whose
 * subject field contains the cleaned subject and whose sender field is the sender (the sender is
 * not required when the cleaned subject is longer than 10 characters and the sender is a System
 * User). An empty cleaned subject matches nothing (Frappe's `LIKE '%%'` would match anything).
 */
export async function matchBySubject(site: Site, doctype: string, subject: string, sender: string, now: Date): Promise<string | undefined> {
  const name = nameFromSubject(subject);
  if (name !== "" && (await site.exists(doctype, name))) return name;

  const meta = site.meta.get(doctype);
  const cleaned = cleanSubject(subject);
  if (!meta.subject_field || cleaned === "") return undefined;
  const since = new Date(now.getTime() - SUBJECT_MATCH_DAYS * 24 * 60 * 60 * 1000);
  const filters: Array<[string, string, unknown]> = [
    [meta.subject_field, "like", `%${cleaned}%`],
    ["creation", ">", formatDatetime(since)],
  ];
  const senderOptional = cleaned.length > 10 && (await isSystemUser(site, sender));
  if (!senderOptional) {
    if (!meta.sender_field) return undefined;
    filters.push([meta.sender_field, "=", sender]);
  }
  const [row] = await site.getList(doctype, { fields: ["name"], filters, orderBy: "modified desc", limit: 1 });
  return row ? cstr(row.name) : undefined;
}
