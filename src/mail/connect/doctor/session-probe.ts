import os from "node:os";
import type tls from "node:tls";
import type { Endpoint } from "../advice";
import { LineSocket } from "../line-socket";
import { summariseCertificate, tlsOptionsFor, type CertificateSummary, type TrustOptions } from "../tls-trust";

/**
 * The doctor's look at a server before any login: the greeting, the TLS handshake (implicit, or
 * STARTTLS / STLS as the account is set up) with the certificate, and for SMTP the EHLO
 * extensions. Certificates are inspected, not enforced, during the handshake, so a bad one can be
 * described (subject, issuer, expiry) and then reported as the failure it is.
 */

export interface TlsFacts {
  protocol: string;
  via: "implicit" | "starttls";
  certificate?: CertificateSummary;
  /** Node's verdict with the trusted CAs (system + configured). */
  authorized: boolean;
  /** Node's reason when not authorised: DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID, ... */
  authorizationError?: string;
}

export interface SessionFacts {
  greeting: string;
  tls?: TlsFacts;
  /** SMTP only: the EHLO keywords on the final (encrypted when configured) channel. */
  extensions?: string[];
}

/** A server that does not let the session go on; `command` names the step. */
export class SessionStepError extends Error {
  constructor(
    message: string,
    readonly command: string,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = "SessionStepError";
  }
}

const lastSmtpLine = (line: string) => !/^\d{3}-/.test(line);

function tlsFacts(socket: tls.TLSSocket, via: TlsFacts["via"]): TlsFacts {
  const certificate = summariseCertificate(socket.getPeerCertificate(true));
  const reason = socket.authorizationError as unknown;
  return {
    protocol: socket.getProtocol() ?? "TLS",
    via,
    ...(certificate ? { certificate } : {}),
    authorized: socket.authorized,
    ...(socket.authorized || reason === undefined || reason === null ? {} : { authorizationError: String(reason) }),
  };
}

async function greeting(socket: LineSocket, service: Endpoint["service"]): Promise<string> {
  if (service === "smtp") {
    const reply = await socket.readReply(lastSmtpLine, "the SMTP greeting");
    const text = reply.join(" ");
    if (!text.startsWith("220")) throw new SessionStepError(`the server refused the session: ${text}`, "CONN", Number(text.slice(0, 3)) || undefined);
    return reply[0] ?? "";
  }
  const line = await socket.readLine(`the ${service.toUpperCase()} greeting`);
  const ok = service === "imap" ? /^\* (OK|PREAUTH)\b/i.test(line) : line.startsWith("+OK");
  if (!ok) throw new SessionStepError(`the server refused the session: ${line}`, "CONN");
  return line;
}

async function ehlo(socket: LineSocket): Promise<string[]> {
  socket.send(`EHLO ${os.hostname() || "localhost"}`);
  const reply = await socket.readReply(lastSmtpLine, "the answer to EHLO");
  const last = reply[reply.length - 1] ?? "";
  if (!last.startsWith("250")) throw new SessionStepError(`EHLO refused: ${reply.join(" ")}`, "EHLO", Number(last.slice(0, 3)) || undefined);
  return reply.slice(1).map((line) => line.slice(4).trim());
}

/** Asks for STARTTLS (IMAP), STLS (POP3) or STARTTLS after EHLO (SMTP); resolves once the server said go ahead. */
async function requestStartTls(socket: LineSocket, service: Endpoint["service"], before: string[]): Promise<void> {
  if (service === "smtp") {
    if (!before.some((keyword) => /^STARTTLS\b/i.test(keyword))) throw new SessionStepError("Server does not support STARTTLS (not in its EHLO answer)", "STARTTLS");
    socket.send("STARTTLS");
    const reply = await socket.readReply(lastSmtpLine, "the answer to STARTTLS");
    const last = reply[reply.length - 1] ?? "";
    if (!last.startsWith("220")) throw new SessionStepError(`Server does not support STARTTLS: ${reply.join(" ")}`, "STARTTLS", Number(last.slice(0, 3)) || undefined);
    return;
  }
  if (service === "imap") {
    socket.send("a1 STARTTLS");
    const reply = await socket.readReply((line) => line.startsWith("a1 "), "the answer to STARTTLS");
    const last = reply[reply.length - 1] ?? "";
    if (!/^a1 OK\b/i.test(last)) throw new SessionStepError(`Server does not support STARTTLS: ${last.slice(3)}`, "STARTTLS");
    return;
  }
  socket.send("STLS");
  const line = await socket.readLine("the answer to STLS");
  if (!line.startsWith("+OK")) throw new SessionStepError(`Server does not support STARTTLS (STLS): ${line}`, "STLS");
}

function leave(socket: LineSocket, service: Endpoint["service"]): void {
  socket.send(service === "imap" ? "a9 LOGOUT" : "QUIT");
}

export async function probeSession(endpoint: Endpoint, trust: TrustOptions, timeoutMs: number): Promise<SessionFacts> {
  // Inspect rather than enforce: the verdict is read from the socket afterwards.
  const inspect = { ...tlsOptionsFor(endpoint.host, true, trust), rejectUnauthorized: false };
  const socket = await LineSocket.connect({
    host: endpoint.host,
    port: endpoint.port,
    timeoutMs,
    ...(endpoint.tls === "ssl" ? { implicitTls: inspect } : {}),
  });
  try {
    const facts: SessionFacts = { greeting: await greeting(socket, endpoint.service) };
    if (endpoint.tls === "ssl" && socket.tlsSocket) facts.tls = tlsFacts(socket.tlsSocket, "implicit");
    let extensions = endpoint.service === "smtp" ? await ehlo(socket) : undefined;
    if (endpoint.tls === "starttls") {
      await requestStartTls(socket, endpoint.service, extensions ?? []);
      facts.tls = tlsFacts(await socket.upgrade({ ...inspect, host: endpoint.host, port: endpoint.port }), "starttls");
      if (endpoint.service === "smtp") extensions = await ehlo(socket);
    }
    if (extensions) facts.extensions = extensions;
    leave(socket, endpoint.service);
    return facts;
  } finally {
    socket.close();
  }
}
