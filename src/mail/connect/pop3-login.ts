import type { MailboxLogin } from "./imap-session";
import { LineSocket } from "./line-socket";
import { tlsOptionsFor } from "./tls-trust";

/**
 * A POP3 login check (RFC 1939 USER/PASS, RFC 2595 STLS, XOAUTH2 for OAuth): enough to prove
 * the server, the TLS setting and the credentials, then QUIT. No POP3 library is installed and
 * no mail is read here.
 */
export type Pop3Login = MailboxLogin;

/** A `-ERR` answer, with the command it answered (never the command's argument). */
export class Pop3ReplyError extends Error {
  constructor(
    readonly response: string,
    readonly command: string,
  ) {
    super(response);
    this.name = "Pop3ReplyError";
  }
}

async function expectOk(socket: LineSocket, command: string): Promise<string> {
  const line = await socket.readLine(command === "CONN" ? "the POP3 greeting" : `the answer to ${command}`);
  if (!line.startsWith("+OK")) throw new Pop3ReplyError(line, command);
  return line;
}

/** Opens a POP3 session up to (not including) authentication: greeting, then STLS when asked for. */
export async function openPop3(login: Pick<Pop3Login, "host" | "port" | "tls" | "verifyCertificate" | "trust" | "timeoutMs">): Promise<LineSocket> {
  const tlsOptions = tlsOptionsFor(login.host, login.verifyCertificate, login.trust);
  const socket = await LineSocket.connect({
    host: login.host,
    port: login.port,
    timeoutMs: login.timeoutMs,
    ...(login.tls === "ssl" ? { implicitTls: tlsOptions } : {}),
  });
  try {
    await expectOk(socket, "CONN");
    if (login.tls === "starttls") {
      socket.send("STLS");
      await expectOk(socket, "STLS");
      await socket.upgrade({ ...tlsOptions, host: login.host, port: login.port });
    }
    return socket;
  } catch (err) {
    socket.close();
    throw err;
  }
}

export async function pop3Login(login: Pop3Login): Promise<void> {
  const socket = await openPop3(login);
  try {
    if (login.oauthToken) {
      const token = Buffer.from(`user=${login.user}\x01auth=Bearer ${login.oauthToken}\x01\x01`).toString("base64");
      socket.send(`AUTH XOAUTH2 ${token}`);
      await expectOk(socket, "AUTH XOAUTH2");
    } else {
      socket.send(`USER ${login.user}`);
      await expectOk(socket, "USER");
      socket.send(`PASS ${login.password ?? ""}`);
      await expectOk(socket, "PASS");
    }
    socket.send("QUIT");
    await socket.readLine("the answer to QUIT").catch(() => undefined);
  } finally {
    socket.close();
  }
}
