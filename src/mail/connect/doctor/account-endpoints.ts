import { cint, cstr, type Doc } from "../../../core/doc";
import type { TlsMode } from "../../../core/mail-context";
import type { Endpoint } from "../advice";

/**
 * The servers an Email Account uses, read the way the account's login tests read them (R10/R11):
 * default ports, TLS mode, login name. The doctor checks exactly what a save would test.
 */

export interface AccountEndpoints {
  incoming?: Endpoint & { service: "imap" | "pop3"; user: string };
  outgoing?: Endpoint & { service: "smtp"; user: string };
  /** IMAP folders to look for: the IMAP Folder rows, and the Sent folder when mail is appended there. */
  folders: Array<{ name: string; role: "folder" | "sent"; uidvalidity?: string }>;
}

function incomingPort(doc: Doc, useImap: boolean, useSsl: boolean): number {
  const given = cint(doc.incoming_port);
  if (given) return given;
  if (useImap) return useSsl ? 993 : 143;
  return useSsl ? 995 : 110;
}

function outgoingPort(doc: Doc): number {
  const given = cint(doc.smtp_port);
  if (given) return given;
  if (cint(doc.use_ssl_for_outgoing)) return 465;
  return cint(doc.use_tls) ? 587 : 25;
}

function folderRows(doc: Doc, useImap: boolean): AccountEndpoints["folders"] {
  if (!useImap) return [];
  const rows = Array.isArray(doc.imap_folder) ? (doc.imap_folder as Doc[]) : [];
  const folders: AccountEndpoints["folders"] = rows
    .filter((row) => cstr(row.folder_name) !== "")
    .map((row) => ({ name: cstr(row.folder_name), role: "folder" as const, ...(cstr(row.uidvalidity) ? { uidvalidity: cstr(row.uidvalidity) } : {}) }));
  // Frappe appends sent mail over the incoming IMAP connection, to `sent_folder_name` or "Sent".
  if (cint(doc.append_emails_to_sent_folder) && cint(doc.enable_outgoing)) {
    folders.push({ name: cstr(doc.sent_folder_name) || "Sent", role: "sent" });
  }
  return folders;
}

export function accountEndpoints(doc: Doc): AccountEndpoints {
  const user = cstr(doc.login_id) || cstr(doc.email_id);
  const useImap = cint(doc.use_imap) === 1;
  const result: AccountEndpoints = { folders: [] };
  if (cint(doc.enable_incoming)) {
    const useSsl = cint(doc.use_ssl) === 1;
    const tls: TlsMode = useSsl ? "ssl" : useImap && cint(doc.use_starttls) ? "starttls" : "none";
    result.incoming = { service: useImap ? "imap" : "pop3", host: cstr(doc.email_server), port: incomingPort(doc, useImap, useSsl), tls, user };
    result.folders = folderRows(doc, useImap);
  }
  if (cint(doc.enable_outgoing)) {
    const tls: TlsMode = cint(doc.use_ssl_for_outgoing) ? "ssl" : cint(doc.use_tls) ? "starttls" : "none";
    result.outgoing = { service: "smtp", host: cstr(doc.smtp_server), port: outgoingPort(doc), tls, user };
  }
  return result;
}
