import type { TlsMode } from "../../core/mail-context";
import type { Service } from "./advice";
import { LineSocket } from "./line-socket";
import { tlsOptionsFor, type TrustOptions } from "./tls-trust";

/**
 * D1: reach a server without logging in. Connect (with implicit TLS when asked), read the
 * greeting, and leave the way the protocol says (IMAP LOGOUT, POP3 and SMTP QUIT). No STARTTLS,
 * as Frappe's probe: the login tests cover it.
 */

export interface GreetingProbe {
  service: Service;
  host: string;
  port: number;
  tls: TlsMode;
  trust?: TrustOptions;
  timeoutMs: number;
}

/** A greeting that says "go away" (IMAP BYE, POP3 -ERR, SMTP 4xx/5xx). */
export class GreetingRefusedError extends Error {
  constructor(
    readonly response: string,
    readonly responseCode?: number,
  ) {
    super(response);
    this.name = "GreetingRefusedError";
  }
}

/** SMTP replies end at the line whose code is followed by a space (RFC 5321 4.2.1). */
const lastSmtpLine = (line: string) => !/^\d{3}-/.test(line);

async function greetAndLeave(socket: LineSocket, service: Service): Promise<string> {
  if (service === "imap") {
    const greeting = await socket.readLine("the IMAP greeting");
    if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) throw new GreetingRefusedError(greeting);
    socket.send("a1 LOGOUT");
    await socket.readReply((line) => line.startsWith("a1 "), "the answer to LOGOUT");
    return greeting;
  }
  if (service === "pop3") {
    const greeting = await socket.readLine("the POP3 greeting");
    if (!greeting.startsWith("+OK")) throw new GreetingRefusedError(greeting);
    socket.send("QUIT");
    await socket.readLine("the answer to QUIT");
    return greeting;
  }
  const reply = await socket.readReply(lastSmtpLine, "the SMTP greeting");
  const last = reply[reply.length - 1] ?? "";
  const code = Number(last.slice(0, 3));
  if (code !== 220) throw new GreetingRefusedError(reply.join(" "), Number.isFinite(code) ? code : undefined);
  socket.send("QUIT");
  await socket.readReply(lastSmtpLine, "the answer to QUIT");
  return reply[0] ?? "";
}

/** Resolves to the server's greeting line. Certificates are verified on implicit TLS. */
export async function probeGreeting(probe: GreetingProbe): Promise<string> {
  const socket = await LineSocket.connect({
    host: probe.host,
    port: probe.port,
    timeoutMs: probe.timeoutMs,
    ...(probe.tls === "ssl" ? { implicitTls: tlsOptionsFor(probe.host, true, probe.trust) } : {}),
  });
  try {
    return await greetAndLeave(socket, probe.service);
  } finally {
    socket.close();
  }
}
