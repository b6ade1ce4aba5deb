import { ImapFlow } from "imapflow";
import type { IncomingLoginTest, TlsMode } from "../../core/mail-context";
import { tlsOptionsFor, type TrustOptions } from "./tls-trust";

/** What a mailbox (IMAP or POP3) login needs: the login test's fields, the trust and a timeout. The password is never logged. */
export interface MailboxLogin extends Omit<IncomingLoginTest, "account" | "protocol"> {
  trust?: TrustOptions;
  timeoutMs: number;
}

export type ImapLogin = MailboxLogin;

/**
 * imapflow upgrades with STARTTLS whenever the server offers it unless told otherwise, so each
 * mode is spelled out: implicit TLS, STARTTLS required, or clear text only.
 */
function tlsModeOptions(tls: TlsMode): { secure: boolean; doSTARTTLS?: boolean } {
  if (tls === "ssl") return { secure: true };
  return { secure: false, doSTARTTLS: tls === "starttls" };
}

/** A connected, logged-in client. The caller logs out (or closes) it. */
export async function openImapSession(login: ImapLogin): Promise<ImapFlow> {
  const auth = login.oauthToken ? { user: login.user, accessToken: login.oauthToken } : { user: login.user, pass: login.password ?? "" };
  const client = new ImapFlow({
    host: login.host,
    port: login.port,
    ...tlsModeOptions(login.tls),
    auth,
    tls: tlsOptionsFor(login.host, login.verifyCertificate, login.trust),
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: login.timeoutMs,
    greetingTimeout: login.timeoutMs,
    socketTimeout: Math.max(login.timeoutMs, 30_000),
  });
  // Without a listener a late socket error would be thrown at the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    return client;
  } catch (err) {
    client.close();
    throw err;
  }
}

/** Logs out politely; a server that hangs up first is not an error here. */
export async function endImapSession(client: ImapFlow): Promise<void> {
  try {
    await client.logout();
  } catch {
    client.close();
  }
}
