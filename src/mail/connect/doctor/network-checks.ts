import dns from "node:dns";
import net from "node:net";
import { adviceFor, encryptionFix, type Endpoint } from "../advice";
import { classifyFailure } from "../failure";
import { LineSocket } from "../line-socket";
import type { TrustOptions } from "../tls-trust";
import { type CheckResult, result, withDeadline } from "./check-result";
import { probeSession, type SessionFacts, type TlsFacts } from "./session-probe";

/** DNS, TCP and TLS (with STARTTLS and, for SMTP, EHLO) checks of one server. */

/** Warn this many days before a certificate expires. */
const EXPIRY_WARNING_DAYS = 14;

export interface NetworkCheckOptions {
  trust: TrustOptions;
  timeoutMs: number;
}

/** A failed step as a check: the lower error's text as detail, our advice as fix. */
export function failed(id: string, title: string, err: unknown, endpoint: Endpoint): CheckResult {
  const failure = classifyFailure(err);
  return result(id, title, "fail", failure.text, adviceFor(failure, endpoint));
}

export async function dnsCheck(id: string, endpoint: Endpoint, options: NetworkCheckOptions): Promise<CheckResult> {
  const title = `DNS ${endpoint.host}`;
  if (endpoint.host === "") return result(id, "DNS", "fail", "no server name is set", "Set the server on the Email Domain (or on the account).");
  if (net.isIP(endpoint.host)) return result(id, title, "ok", "an IP address, nothing to resolve");
  try {
    const addresses = await withDeadline(dns.promises.lookup(endpoint.host, { all: true }), options.timeoutMs, `resolving ${endpoint.host}`);
    return result(id, title, "ok", `resolves to ${addresses.map((a) => a.address).join(", ")}`);
  } catch (err) {
    return failed(id, title, err, endpoint);
  }
}

export async function tcpCheck(id: string, endpoint: Endpoint, options: NetworkCheckOptions): Promise<CheckResult> {
  const title = `TCP ${endpoint.host}:${endpoint.port}`;
  const started = Date.now();
  try {
    const socket = await LineSocket.connect({ host: endpoint.host, port: endpoint.port, timeoutMs: options.timeoutMs });
    socket.close();
    return result(id, title, "ok", `connected in ${Date.now() - started} ms`);
  } catch (err) {
    return failed(id, title, err, endpoint);
  }
}

function describeTls(facts: TlsFacts): string {
  const how = facts.via === "starttls" ? "after STARTTLS" : "implicit TLS";
  const cert = facts.certificate;
  if (!cert) return `${facts.protocol} (${how}), no certificate shown`;
  const selfSigned = cert.selfSigned ? ", self-signed" : "";
  return `${facts.protocol} (${how}); certificate ${cert.subject || "(no subject)"} issued by ${cert.issuer || "(no issuer)"}${selfSigned}, valid until ${cert.validTo.slice(0, 10)}`;
}

/** The TLS check's verdict on a completed session. */
export function tlsVerdict(id: string, endpoint: Endpoint, facts: SessionFacts, needsPassword: boolean): CheckResult {
  const title = endpoint.tls === "starttls" ? "TLS (STARTTLS)" : endpoint.tls === "ssl" ? "TLS (SSL/TLS)" : "TLS";
  if (endpoint.tls === "none" || !facts.tls) {
    const what = needsPassword ? "the password and the mail cross the network unencrypted" : "mail crosses the network unencrypted";
    return result(id, title, "warn", `no encryption is configured: ${what}`, `To encrypt: ${encryptionFix(endpoint.service)}.`);
  }
  const tls = facts.tls;
  if (!tls.authorized) {
    const failure = classifyFailure(Object.assign(new Error(tls.authorizationError ?? "certificate not trusted"), { code: tls.authorizationError }));
    return result(id, title, "fail", `${describeTls(tls)}; not trusted: ${tls.authorizationError ?? "unknown reason"}`, adviceFor(failure, endpoint));
  }
  const daysLeft = tls.certificate?.daysLeft;
  if (daysLeft !== undefined && daysLeft < EXPIRY_WARNING_DAYS) {
    return result(id, title, "warn", `${describeTls(tls)}; expires in ${daysLeft} day(s)`, `Renew the certificate of ${endpoint.host} on the server before it expires.`);
  }
  return result(id, title, "ok", describeTls(tls));
}

/** SMTP only: what EHLO offers on the channel the account will use. */
export function ehloVerdict(id: string, endpoint: Endpoint, facts: SessionFacts, needsAuth: boolean): CheckResult {
  const extensions = facts.extensions ?? [];
  const auth = extensions.find((keyword) => /^AUTH\b/i.test(keyword));
  const detail = `greeting "${facts.greeting}"; EHLO offers ${extensions.join(", ") || "nothing"}`;
  if (needsAuth && !auth) {
    return result(id, "EHLO", "warn", `${detail}; no AUTH on this connection`, adviceFor({ kind: "auth-unavailable", text: "", facts: {} }, endpoint));
  }
  return result(id, "EHLO", "ok", detail);
}

/** Opens one session for the TLS (and EHLO) checks; a failure is the TLS check's. */
export async function sessionCheck(id: string, endpoint: Endpoint, options: NetworkCheckOptions): Promise<{ facts?: SessionFacts; failure?: CheckResult }> {
  try {
    const facts = await withDeadline(probeSession(endpoint, options.trust, options.timeoutMs), options.timeoutMs * 3, `the session with ${endpoint.host}:${endpoint.port}`);
    return { facts };
  } catch (err) {
    const title = endpoint.tls === "starttls" ? "TLS (STARTTLS)" : endpoint.tls === "ssl" ? "TLS (SSL/TLS)" : "greeting";
    return { failure: failed(id, title, err, endpoint) };
  }
}
