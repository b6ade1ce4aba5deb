import { InputError } from "../errors";

/**
 * The DocTypes `pull`, `push` and `diff` copy, in the order they are written: a domain before the
 * accounts that link to it, accounts before the mail filed under them.
 */
export const SYNC_DOCTYPES = ["Email Domain", "Email Account", "Communication", "Unhandled Email"] as const;

export type SyncDoctype = (typeof SYNC_DOCTYPES)[number];

/**
 * The DocTypes named on the command line (case-insensitive, `email-account` or `Email Account`),
 * in write order; all of them when none is named.
 */
export function parseSyncDoctypes(names: readonly string[]): SyncDoctype[] {
  if (names.length === 0) return [...SYNC_DOCTYPES];
  const wanted = new Set<SyncDoctype>();
  for (const name of names) {
    const key = name.trim().toLowerCase().replace(/[-_]/g, " ");
    const found = SYNC_DOCTYPES.find((doctype) => doctype.toLowerCase() === key);
    if (!found) throw new InputError(`Cannot sync DocType "${name}": choose from ${SYNC_DOCTYPES.join(", ")}`);
    wanted.add(found);
  }
  return SYNC_DOCTYPES.filter((doctype) => wanted.has(doctype));
}
