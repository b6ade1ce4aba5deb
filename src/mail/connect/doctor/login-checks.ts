import type { ImapFlow, ListResponse } from "imapflow";
import { adviceFor, type Endpoint } from "../advice";
import { classifyFailure } from "../failure";
import { endImapSession, openImapSession } from "../imap-session";
import { pop3Login } from "../pop3-login";
import { redactSecrets, redactText } from "../redact";
import { smtpLogin } from "../smtp-login";
import type { TrustOptions } from "../tls-trust";
import type { AccountEndpoints } from "./account-endpoints";
import { type CheckResult, notRun, result, withDeadline } from "./check-result";

/** The doctor's logins (IMAP/POP3, SMTP AUTH) and, over the IMAP login, the folder checks. */

export interface LoginCheckOptions {
  trust: TrustOptions;
  timeoutMs: number;
}

/** A refused login as a check: the server's words (secret masked) and our advice. */
function loginFailed(id: string, title: string, err: unknown, endpoint: Endpoint, password: string): CheckResult {
  redactSecrets(err, password);
  const failure = classifyFailure(err);
  return result(id, title, "fail", redactText(failure.text, password), adviceFor(failure, endpoint));
}

function folderTitle(folder: AccountEndpoints["folders"][number]): string {
  return folder.role === "sent" ? `Sent folder ${folder.name}` : `folder ${folder.name}`;
}

function folderId(folder: AccountEndpoints["folders"][number]): string {
  return folder.role === "sent" ? "incoming.sent-folder" : `incoming.folder:${folder.name}`;
}

/** The ids and titles of the login check and the folder checks that follow it, in order. */
export function loginCheckIds(endpoints: Required<Pick<AccountEndpoints, "incoming">> & Pick<AccountEndpoints, "folders">): Array<{ id: string; title: string }> {
  return [{ id: "incoming.login", title: `login as ${endpoints.incoming.user}` }, ...endpoints.folders.map((f) => ({ id: folderId(f), title: folderTitle(f) }))];
}

function findFolder(listing: ListResponse[], name: string): ListResponse | undefined {
  // INBOX is case-insensitive (RFC 3501 5.1); every other name is matched exactly.
  return listing.find((box) => box.path === name || (name.toUpperCase() === "INBOX" && box.path.toUpperCase() === "INBOX"));
}

function missingFolderFix(folder: AccountEndpoints["folders"][number], listing: ListResponse[]): string {
  if (folder.role === "sent") {
    const sent = listing.find((box) => box.specialUse === "\\Sent");
    const suggestion = sent ? ` (this server's Sent folder is "${sent.path}")` : "";
    return `Create "${folder.name}" on the server, or set the Sent Folder Name on the Email Domain to the server's Sent folder${suggestion}.`;
  }
  return `Create "${folder.name}" on the server, or correct the folder name in the account's IMAP Folder table (names are case-sensitive, except INBOX).`;
}

async function folderCheck(client: ImapFlow, listing: ListResponse[], folder: AccountEndpoints["folders"][number]): Promise<CheckResult> {
  const id = folderId(folder);
  const title = folderTitle(folder);
  const box = findFolder(listing, folder.name);
  if (!box) {
    const names = listing.map((entry) => entry.path).join(", ");
    return result(id, title, "fail", `no folder "${folder.name}" on the server (it has: ${names || "no folders"})`, missingFolderFix(folder, listing));
  }
  const answer = await client.status(box.path, { messages: true, uidValidity: true, uidNext: true });
  // imapflow answers false when the server refused STATUS (listed but not selectable, e.g. \Noselect).
  if (answer === false) return result(id, title, "fail", `"${box.path}" is listed but its status cannot be read (not selectable)`, missingFolderFix(folder, listing));
  const status = answer;
  const uidValidity = status.uidValidity === undefined ? "" : String(status.uidValidity);
  const detail = `${status.messages ?? 0} message(s), UIDVALIDITY ${uidValidity || "unknown"}, UIDNEXT ${status.uidNext ?? "unknown"}`;
  if (folder.uidvalidity && uidValidity && folder.uidvalidity !== uidValidity) {
    return result(id, title, "warn", `${detail}; the stored UIDVALIDITY is ${folder.uidvalidity}`, "The server renumbered this folder: the next pull reads it again from the start, and mails already stored are recognised by their Message-ID.");
  }
  return result(id, title, "ok", detail);
}

/** IMAP or POP3 login, then (IMAP) one check per folder over the same session. */
export async function incomingLoginChecks(
  endpoints: Required<Pick<AccountEndpoints, "incoming">> & Pick<AccountEndpoints, "folders">,
  password: string,
  options: LoginCheckOptions,
): Promise<CheckResult[]> {
  const endpoint = endpoints.incoming;
  const title = `login as ${endpoint.user}`;
  const login = { ...endpoint, verifyCertificate: true, password, trust: options.trust, timeoutMs: options.timeoutMs };
  const folderIds = loginCheckIds(endpoints).slice(1);
  if (endpoint.service === "pop3") {
    try {
      await withDeadline(pop3Login(login), options.timeoutMs * 3, "the POP3 login");
      return [result("incoming.login", title, "ok", `logged in to ${endpoint.host}:${endpoint.port} (POP3)`)];
    } catch (err) {
      return [loginFailed("incoming.login", title, err, endpoint, password)];
    }
  }
  let client: ImapFlow;
  try {
    client = await withDeadline(openImapSession(login), options.timeoutMs * 3, "the IMAP login", (late) => late.close());
  } catch (err) {
    return [loginFailed("incoming.login", title, err, endpoint, password), ...folderIds.map((f) => notRun(f.id, f.title, "the login failed"))];
  }
  const checks = [result("incoming.login", title, "ok", `logged in to ${endpoint.host}:${endpoint.port} (IMAP)`)];
  try {
    const listing = await withDeadline(client.list(), options.timeoutMs, "listing the folders");
    for (const folder of endpoints.folders) {
      checks.push(await withDeadline(folderCheck(client, listing, folder), options.timeoutMs, `the status of ${folder.name}`));
    }
  } catch (err) {
    const done = new Set(checks.map((check) => check.id));
    const failure = classifyFailure(err);
    for (const folder of folderIds.filter((f) => !done.has(f.id))) {
      checks.push(result(folder.id, folder.title, "fail", failure.text, adviceFor(failure, endpoint)));
    }
  } finally {
    await endImapSession(client);
  }
  return checks;
}

/** SMTP AUTH with the account's login, through the same client that sends the mail. */
export async function smtpAuthCheck(endpoint: NonNullable<AccountEndpoints["outgoing"]>, password: string, options: LoginCheckOptions): Promise<CheckResult> {
  const title = `AUTH as ${endpoint.user}`;
  try {
    const login = { ...endpoint, verifyCertificate: true, password, trust: options.trust, timeoutMs: options.timeoutMs };
    await withDeadline(smtpLogin(login), options.timeoutMs * 3, "the SMTP login");
    return result("outgoing.auth", title, "ok", `logged in to ${endpoint.host}:${endpoint.port}`);
  } catch (err) {
    return loginFailed("outgoing.auth", title, err, endpoint, password);
  }
}
