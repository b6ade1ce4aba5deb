/**
 * Where a mail engine keeps its place in each mailbox: the last UIDVALIDITY / UIDNEXT it saw and
 * its failure count. They describe the engine of the site that holds them, so `push` never sends
 * its own over the site's (a Frappe site would skip or fetch again mail it never had); `pull`
 * copies them, so the local engine starts where the site's is.
 */
export const MAIL_CURSOR_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "Email Account": ["uidvalidity", "uidnext", "no_failed"],
  "IMAP Folder": ["uidvalidity", "uidnext"],
};

export function mailCursorFields(doctype: string): readonly string[] {
  return MAIL_CURSOR_FIELDS[doctype] ?? [];
}
