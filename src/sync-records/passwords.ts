import { cint, type Doc } from "../core/doc";
import type { DocTypeMeta } from "../core/meta";
import type { Site } from "../core/site";
import { AuthenticationError } from "../errors";
import { isBlank } from "./field-values";

/**
 * Password fields travel apart from the record: a site reads them back as a `*` mask, so the
 * clear value is fetched with `getPassword` only when it is copied, held in memory for that one
 * write, and never put in a report, a log line or an error.
 */

/** The record's own Password fields (child tables of the synced DocTypes have none). */
export function passwordFields(meta: DocTypeMeta): string[] {
  return meta.fields.filter((field) => field.fieldtype === "Password").map((field) => field.fieldname);
}

/** A site shows a stored secret as its mask: any non-empty value means one is stored. */
export function hasSecret(doc: Doc | undefined, field: string): boolean {
  return doc !== undefined && !isBlank(doc[field]);
}

/** The clear secret, or undefined when none is stored (`Password not found for ...`). */
export async function readSecret(site: Site, doctype: string, name: string, field: string): Promise<string | undefined> {
  try {
    return await site.getPassword(doctype, name, field);
  } catch (err) {
    if (err instanceof AuthenticationError) return undefined;
    throw err;
  }
}

const AWAITING = "awaiting_password";

/**
 * An account pulled without its password cannot be stored as the site has it (an enabled
 * account needs its password), so here it awaits the password instead. True when `remote` holds
 * a password `local` does not have: `awaiting_password` then tells only that, and is neither
 * compared nor sent back.
 */
export function passwordWithheld(local: Doc | undefined, remote: Doc, meta: DocTypeMeta): boolean {
  if (!meta.fields.some((field) => field.fieldname === AWAITING)) return false;
  const fields = passwordFields(meta);
  return fields.some((field) => hasSecret(remote, field) && !hasSecret(local, field)) && cint(remote[AWAITING]) === 0;
}

/**
 * The fields a withheld password leaves out of comparisons and writes: `awaiting_password`, and
 * with `passwords` the Password fields themselves (push sends no secret it does not have).
 */
export function withheldFields(local: Doc | undefined, remote: Doc, meta: DocTypeMeta, options: { passwords?: boolean } = {}): string[] {
  if (!passwordWithheld(local, remote, meta)) return [];
  const secrets = options.passwords ? passwordFields(meta).filter((field) => hasSecret(remote, field) && !hasSecret(local, field)) : [];
  return [AWAITING, ...secrets];
}

export const AWAITING_PASSWORD_FIELD = AWAITING;
