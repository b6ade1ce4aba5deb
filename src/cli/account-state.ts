import { cint, cstr, type Doc } from "../core/doc";
import type { Site } from "../core/site";

export type AccountState = "ready" | "awaiting password" | "disabled";

/** One line of `status`: what an Email Account does and whether it can work yet. */
export interface AccountStatus {
  name: string;
  email_id: string;
  incoming: boolean;
  default_incoming: boolean;
  outgoing: boolean;
  default_outgoing: boolean;
  /** Where incoming mail lands: `INBOX -> Issue` per IMAP folder, or the account's Append To for POP. */
  append_to: string[];
  state: AccountState;
  reason: string;
}

/** The IMAP folder rows (or, for POP, the account's own Append To) as `FOLDER -> DocType`. */
function appendTargets(account: Doc): string[] {
  if (!cint(account.enable_incoming)) return [];
  const rows = Array.isArray(account.imap_folder) ? (account.imap_folder as Doc[]) : [];
  if (cint(account.use_imap) && rows.length > 0) {
    return rows.map((row) => `${cstr(row.folder_name)} -> ${cstr(row.append_to) || "Communication"}`);
  }
  return account.append_to ? [cstr(account.append_to)] : [];
}

/** ready / awaiting password / disabled, with the reason and what to do about it. */
export function accountState(account: Doc): Pick<AccountStatus, "state" | "reason"> {
  const name = cstr(account.name);
  const incoming = cint(account.enable_incoming) === 1;
  const outgoing = cint(account.enable_outgoing) === 1;
  const setPassword = `run \`frappe-email-account set-password ${/\s/.test(name) ? JSON.stringify(name) : name}\``;
  if (!incoming && !outgoing) return { state: "disabled", reason: "incoming and outgoing disabled" };
  if (cstr(account.auth_method) === "OAuth") return { state: "ready", reason: `OAuth via ${cstr(account.connected_app) || "(no Connected App)"}` };
  if (cint(account.awaiting_password)) return { state: "awaiting password", reason: `awaiting password: ${setPassword}` };
  // Outgoing only without SMTP authentication needs no password (R9).
  const needsPassword = incoming || cint(account.no_smtp_authentication) === 0;
  if (needsPassword && cstr(account.password) === "") return { state: "awaiting password", reason: `no password stored: ${setPassword}` };
  return { state: "ready", reason: "" };
}

export function accountStatus(account: Doc): AccountStatus {
  return {
    name: cstr(account.name),
    email_id: cstr(account.email_id),
    incoming: cint(account.enable_incoming) === 1,
    default_incoming: cint(account.default_incoming) === 1,
    outgoing: cint(account.enable_outgoing) === 1,
    default_outgoing: cint(account.default_outgoing) === 1,
    append_to: appendTargets(account),
    ...accountState(account),
  };
}

/** Every Email Account of the site, by name, with its state. */
export async function listAccountStatuses(site: Site): Promise<AccountStatus[]> {
  const rows = await site.getList("Email Account", { fields: ["name"], orderBy: "name asc", limit: 0 });
  const statuses: AccountStatus[] = [];
  for (const row of rows) statuses.push(accountStatus(await site.get("Email Account", String(row.name))));
  return statuses;
}

function onOff(on: boolean, isDefault: boolean): string {
  return on ? (isDefault ? "on (default)" : "on") : "off";
}

/** The table columns humans see. */
export const STATUS_HEADERS = ["Name", "Email", "Incoming", "Outgoing", "Append To", "State", "Reason"];

export function statusRow(status: AccountStatus): unknown[] {
  return [
    status.name,
    status.email_id,
    onOff(status.incoming, status.default_incoming),
    onOff(status.outgoing, status.default_outgoing),
    status.append_to.join(", "),
    status.state,
    status.reason,
  ];
}
