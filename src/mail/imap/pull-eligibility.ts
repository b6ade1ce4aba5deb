import { cint, cstr, type Doc } from "../../core/doc";

/**
 * Why this account is not pulled, or undefined when it is: the scheduler's selection (J1:
 * incoming on, not awaiting a password) plus what this puller cannot do yet.
 */
export function pullSkipReason(account: Doc): string | undefined {
  if (!cint(account.enable_incoming)) return "incoming is disabled";
  if (cint(account.awaiting_password)) return "awaiting password";
  if (!cint(account.use_imap)) return "POP3 accounts are not pulled (only IMAP)";
  if (cstr(account.auth_method) === "OAuth") return "OAuth accounts are not pulled yet (no token store)";
  if (cstr(account.email_server).trim() === "") return "no incoming server (Email Server is empty)";
  const folders = Array.isArray(account.imap_folder) ? (account.imap_folder as Doc[]) : [];
  if (!folders.some((row) => cstr(row.folder_name).trim() !== "")) return "no IMAP folder to pull";
  return undefined;
}

/** The account's IMAP Folder rows in table order (P2), those without a name left out. */
export function imapFolderRows(account: Doc): Doc[] {
  const rows = Array.isArray(account.imap_folder) ? (account.imap_folder as Doc[]) : [];
  return rows
    .filter((row) => cstr(row.folder_name).trim() !== "")
    .sort((a, b) => cint(a.idx) - cint(b.idx));
}
