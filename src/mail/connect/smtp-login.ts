import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { TlsMode } from "../../core/mail-context";
import { tlsOptionsFor, type TrustOptions } from "./tls-trust";

/** What an SMTP login check needs. Without user and password (or token) no AUTH is sent. */
export interface SmtpLogin {
  host: string;
  port: number;
  tls: TlsMode;
  verifyCertificate: boolean;
  user?: string;
  password?: string;
  oauthToken?: string;
  trust?: TrustOptions;
  timeoutMs: number;
}

function authOf(login: SmtpLogin): SMTPTransport.Options["auth"] | undefined {
  if (login.user && login.oauthToken) return { type: "OAuth2", user: login.user, accessToken: login.oauthToken };
  if (login.user && login.password) return { user: login.user, pass: login.password };
  return undefined;
}

/**
 * nodemailer's options for one account. Each TLS mode is explicit: implicit TLS, STARTTLS
 * required, or clear text with no opportunistic upgrade (what "none" says on the account).
 * With credentials, AUTH is forced: a server that does not offer AUTH must fail the test
 * rather than let `verify()` pass without a login.
 */
export function smtpTransportOptions(login: SmtpLogin): SMTPTransport.Options {
  const auth = authOf(login);
  return {
    host: login.host,
    port: login.port,
    secure: login.tls === "ssl",
    requireTLS: login.tls === "starttls",
    ignoreTLS: login.tls === "none",
    tls: tlsOptionsFor(login.host, login.verifyCertificate, login.trust),
    ...(auth ? { auth, forceAuth: true } : {}),
    connectionTimeout: login.timeoutMs,
    greetingTimeout: login.timeoutMs,
    socketTimeout: login.timeoutMs,
    logger: false,
    debug: false,
  } as SMTPTransport.Options;
}

/** Connects, says EHLO, upgrades as configured, logs in when credentials are given, and quits. */
export async function smtpLogin(login: SmtpLogin): Promise<void> {
  const transport = nodemailer.createTransport(smtpTransportOptions(login));
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}
