import type { TlsMode } from "../../core/mail-context";
import type { CertificateProblem, Failure } from "./failure";

/**
 * One sentence a person can act on, for each kind of failure: what it is and how to fix it.
 * Never contains a secret (it is built from the endpoint, never from the password).
 */

export type Service = "imap" | "pop3" | "smtp";

export interface Endpoint {
  service: Service;
  host: string;
  port: number;
  tls: TlsMode;
  /** The login name, to say whose login was refused (not secret). */
  user?: string;
  timeoutMs?: number;
}

const PORTS: Record<Service, string> = {
  imap: "IMAP uses 993 with SSL/TLS or 143 with STARTTLS",
  pop3: "POP3 uses 995 with SSL/TLS or 110",
  smtp: "SMTP uses 465 with SSL/TLS or 587 with STARTTLS",
};

/** Ports that speak TLS from the first byte. */
const IMPLICIT_TLS_PORTS: ReadonlySet<number> = new Set([993, 995, 465]);
/** Ports that start in clear text. */
const PLAIN_PORTS: ReadonlySet<number> = new Set([143, 110, 25, 587]);

const TRUST_HERE = "or trust it on this machine by giving its CA certificate file in the environment variable NODE_EXTRA_CA_CERTS";

/** What to switch on for encryption, e.g. `enable SSL/TLS (port 993) or STARTTLS on the Email Domain`. */
export function encryptionFix(service: Service): string {
  const fix =
    service === "smtp"
      ? "enable SSL/TLS (Use SSL for Outgoing, port 465) or STARTTLS (Use TLS, port 587)"
      : service === "pop3"
        ? "enable SSL/TLS (port 995)"
        : "enable SSL/TLS (port 993) or STARTTLS";
  return `${fix} on the Email Domain`;
}

export function encryptionAdvice(service: Service): string {
  return `The server refuses passwords without encryption: ${encryptionFix(service)}.`;
}

function certificateAdvice(problem: CertificateProblem | undefined, host: string): string {
  switch (problem) {
    case "self-signed":
      return `The certificate of ${host} is self-signed, so nothing vouches for it: install a certificate from a public authority (e.g. Let's Encrypt) on the server, ${TRUST_HERE}.`;
    case "untrusted":
      return `The certificate of ${host} comes from an authority this machine does not trust: install a certificate from a public authority with its full chain on the server, ${TRUST_HERE}.`;
    case "hostname":
      return `The certificate of the server does not name ${host}: set the server name the certificate was issued for on the Email Domain, or install a certificate that covers ${host} on the server.`;
    case "expired":
      return `The certificate of ${host} has expired: renew it on the server, or correct this machine's clock if it is wrong.`;
    case "not-yet-valid":
      return `The certificate of ${host} is not valid yet: correct this machine's clock, or install a certificate that is valid today on the server.`;
    default:
      return `The certificate of ${host} could not be verified: install a valid certificate from a public authority on the server, ${TRUST_HERE}.`;
  }
}

/** A plain connection to a TLS port hangs or is dropped rather than refused: say which setting is off. */
function tlsMismatchAdvice(endpoint: Endpoint): string {
  const where = `${endpoint.host}:${endpoint.port}`;
  if (endpoint.tls === "ssl") {
    return `${where} does not speak TLS from the first byte: turn SSL/TLS off (and STARTTLS on) for this port, or use the SSL/TLS port (${PORTS[endpoint.service]}).`;
  }
  return `${where} expects TLS from the first byte: turn SSL/TLS on for this port, or use the other port (${PORTS[endpoint.service]}).`;
}

function looksLikePlainOnTlsPort(endpoint: Endpoint): boolean {
  return endpoint.tls !== "ssl" && IMPLICIT_TLS_PORTS.has(endpoint.port);
}

function isGreetingTimeout(failure: Failure): boolean {
  return failure.facts.code === "GREETING_TIMEOUT" || /greeting/i.test(failure.text);
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? "the time allowed" : `${Math.round(ms / 100) / 10} s`;
}

export function adviceFor(failure: Failure, endpoint: Endpoint): string {
  const { host, port, service } = endpoint;
  const where = `${host}:${port}`;
  switch (failure.kind) {
    case "plaintext-refused":
      return encryptionAdvice(service);
    case "credentials": {
      const who = endpoint.user ? ` for ${endpoint.user}` : "";
      return `The server refused the login${who}: check the password, and the Login ID if the mailbox login differs from the e-mail address; Gmail, Outlook and Microsoft 365 accept only an app password (or OAuth) once two-step verification is on.`;
    }
    case "certificate":
      return certificateAdvice(failure.certificate, host);
    case "tls-mismatch":
      return tlsMismatchAdvice(endpoint);
    case "starttls-unavailable":
      return `${where} does not offer STARTTLS: use SSL/TLS on the server's SSL port instead (${PORTS[service]}), or have the server's administrator enable STARTTLS.`;
    case "auth-unavailable":
      return endpoint.tls === "none"
        ? `${where} offers no login on an unencrypted connection: enable SSL/TLS (Use SSL for Outgoing, port 465) or STARTTLS (Use TLS, port 587) on the Email Domain.`
        : `${where} offers no login: tick "Disable SMTP server authentication" if it accepts this machine's mail without one, or use the provider's submission port (587 or 465).`;
    case "dns":
      return `The host name ${host} does not resolve: check its spelling on the Email Domain, and this machine's DNS.`;
    case "refused":
      return `Nothing accepts connections on ${where}: check the server name and port (${PORTS[service]}), that the mail server runs, and that no firewall rejects the port.`;
    case "timeout":
      // Connected, but no greeting: a plain client on a TLS port waits forever for the server to speak first.
      if (looksLikePlainOnTlsPort(endpoint) || (endpoint.tls !== "ssl" && isGreetingTimeout(failure))) return tlsMismatchAdvice(endpoint);
      return `No answer from ${where} within ${seconds(endpoint.timeoutMs)}: check the port (${PORTS[service]}) and whether a firewall drops the connection.`;
    case "unreachable":
      return `${host} cannot be reached from this machine (no route): check the network, VPN or firewall between them.`;
    case "closed":
      if (looksLikePlainOnTlsPort(endpoint) || (endpoint.tls === "ssl" && PLAIN_PORTS.has(port))) return tlsMismatchAdvice(endpoint);
      return `${where} closed the connection: check the port and its TLS setting (${PORTS[service]}), and whether the server limits connections from this machine.`;
    default:
      return `The server answered with an error: check the server settings on the Email Domain and the account's login; the mail server's log says more.`;
  }
}
