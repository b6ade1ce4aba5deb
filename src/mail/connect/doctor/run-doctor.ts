import { cint, cstr, type Doc } from "../../../core/doc";
import type { Logger } from "../../../core/logger";
import type { Site } from "../../../core/site";
import { DoesNotExistError } from "../../../errors";
import type { Endpoint } from "../advice";
import type { TrustOptions } from "../tls-trust";
import { accountEndpoints, type AccountEndpoints } from "./account-endpoints";
import { type AccountReport, type CheckResult, mapConcurrently, notRun, result } from "./check-result";
import { incomingLoginChecks, loginCheckIds, smtpAuthCheck } from "./login-checks";
import { dnsCheck, ehloVerdict, type NetworkCheckOptions, sessionCheck, tcpCheck, tlsVerdict } from "./network-checks";

/**
 * `doctor`: every check between an Email Account and its servers, in the order a connection
 * makes them (DNS, TCP, TLS, login, folders; then SMTP), each with what to do when it fails.
 * One account's checks run in order; accounts run side by side, a few at a time.
 */

export interface DoctorOptions {
  /** Only this account; all accounts when absent. */
  account?: string;
  trust?: TrustOptions;
  /** Deadline per check step. Default 5 s. */
  timeoutMs?: number;
  /** Accounts checked at the same time. Default 3. */
  concurrency?: number;
  log?: Logger;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 5_000;
const DOCTYPE = "Email Account";

/** Why no login can be tried, or the password to try it with. */
async function credentials(site: Site, account: Doc): Promise<{ password: string } | { skip: string } | { missing: string }> {
  const name = cstr(account.name);
  if (cstr(account.auth_method) === "OAuth") return { skip: "OAuth accounts are not logged in by the doctor (this site keeps no OAuth tokens yet)" };
  if (cint(account.awaiting_password)) return { skip: `the account awaits its password (frappe-email-account set-password ${JSON.stringify(name)})` };
  try {
    return { password: await site.getPassword(DOCTYPE, name, "password") };
  } catch {
    return { missing: `Store the password: frappe-email-account set-password ${JSON.stringify(name)}` };
  }
}

/** DNS, TCP and the TLS session of one server; undefined facts when a step failed (the rest is then not run). */
async function reach(prefix: "incoming" | "outgoing", endpoint: Endpoint, needsPassword: boolean, options: NetworkCheckOptions) {
  const checks: CheckResult[] = [];
  const dns = await dnsCheck(`${prefix}.dns`, endpoint, options);
  checks.push(dns);
  if (dns.status === "fail") return { checks, reached: false };
  const tcp = await tcpCheck(`${prefix}.tcp`, endpoint, options);
  checks.push(tcp);
  if (tcp.status === "fail") return { checks, reached: false };
  const session = await sessionCheck(`${prefix}.tls`, endpoint, options);
  if (session.failure) return { checks: [...checks, session.failure], reached: false };
  const facts = session.facts!;
  const tls = tlsVerdict(`${prefix}.tls`, endpoint, facts, needsPassword);
  checks.push(tls);
  if (endpoint.service === "smtp") checks.push(ehloVerdict(`${prefix}.ehlo`, endpoint, facts, needsPassword));
  return { checks, reached: tls.status !== "fail", facts };
}

async function incomingChecks(account: Doc, endpoints: AccountEndpoints, site: Site, options: NetworkCheckOptions): Promise<CheckResult[]> {
  const endpoint = endpoints.incoming!;
  const loginIds = loginCheckIds({ incoming: endpoint, folders: endpoints.folders });
  const { checks, reached } = await reach("incoming", endpoint, true, options);
  if (!reached) return [...checks, ...loginIds.map((c) => notRun(c.id, c.title, "the server could not be reached safely"))];
  const secret = await credentials(site, account);
  if ("skip" in secret) return [...checks, ...loginIds.map((c) => result(c.id, c.title, "skipped", secret.skip))];
  if ("missing" in secret) {
    const [login, ...rest] = loginIds;
    return [...checks, result(login!.id, login!.title, "fail", "no password is stored for this account", secret.missing), ...rest.map((c) => notRun(c.id, c.title, "no login"))];
  }
  return [...checks, ...(await incomingLoginChecks({ incoming: endpoint, folders: endpoints.folders }, secret.password, options))];
}

async function outgoingChecks(account: Doc, endpoints: AccountEndpoints, site: Site, options: NetworkCheckOptions): Promise<CheckResult[]> {
  const endpoint = endpoints.outgoing!;
  const noAuth = cint(account.no_smtp_authentication) === 1;
  const authTitle = `AUTH as ${endpoint.user}`;
  const { checks, reached } = await reach("outgoing", endpoint, !noAuth, options);
  if (noAuth) return [...checks, result("outgoing.auth", "AUTH", "skipped", "Disable SMTP server authentication is on: mail is sent without a login")];
  if (!reached) return [...checks, notRun("outgoing.auth", authTitle, "the server could not be reached safely")];
  const secret = await credentials(site, account);
  if ("skip" in secret) return [...checks, result("outgoing.auth", authTitle, "skipped", secret.skip)];
  if ("missing" in secret) return [...checks, result("outgoing.auth", authTitle, "fail", "no password is stored for this account", secret.missing)];
  return [...checks, await smtpAuthCheck(endpoint, secret.password, options)];
}

export async function checkAccount(site: Site, account: Doc, options: NetworkCheckOptions): Promise<AccountReport> {
  const endpoints = accountEndpoints(account);
  const checks: CheckResult[] = [];
  if (!endpoints.incoming && !endpoints.outgoing) {
    checks.push(result("account", "account", "skipped", "incoming and outgoing are both disabled"));
  }
  if (endpoints.incoming) checks.push(...(await incomingChecks(account, endpoints, site, options)));
  if (endpoints.outgoing) checks.push(...(await outgoingChecks(account, endpoints, site, options)));
  return { account: cstr(account.name), email_id: cstr(account.email_id), ok: checks.every((check) => check.status !== "fail"), checks };
}

/** Reports in account-name order. DoesNotExistError when a named account is missing. */
export async function runDoctor(site: Site, options: DoctorOptions = {}): Promise<AccountReport[]> {
  const names = options.account
    ? [options.account]
    : (await site.getList(DOCTYPE, { fields: ["name"], orderBy: "name asc", limit: 0 })).map((row) => cstr(row.name));
  if (options.account && !(await site.exists(DOCTYPE, options.account))) {
    throw new DoesNotExistError(`${DOCTYPE} ${options.account} not found`, { doctype: DOCTYPE, docname: options.account });
  }
  const network: NetworkCheckOptions = { trust: options.trust ?? {}, timeoutMs: options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS };
  const log = options.log?.child({ component: "doctor" });
  return mapConcurrently(names, options.concurrency ?? 3, async (name) => {
    const report = await checkAccount(site, await site.get(DOCTYPE, name), network);
    const failedIds = report.checks.filter((check) => check.status === "fail").map((check) => check.id);
    log?.info({ account: name, ok: report.ok, failed: failedIds }, "doctor checked account");
    return report;
  });
}
