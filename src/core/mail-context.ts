/**
 * The seam between controllers and the mail engine. Controllers describe what to test;
 * the engine (src/mail/) logs in for real. Until an engine is attached, the
 * not-configured context answers every test with "not-configured".
 */

export type TlsMode = "ssl" | "starttls" | "none";

export interface IncomingLoginTest {
  account: string;
  protocol: "imap" | "pop3";
  host: string;
  port: number;
  tls: TlsMode;
  /** Verify the server certificate and host name. */
  verifyCertificate: boolean;
  user: string;
  /** Absent for OAuth. Never log it. */
  password?: string;
  oauthToken?: string;
}

export interface OutgoingLoginTest {
  account: string;
  host: string;
  port: number;
  tls: TlsMode;
  verifyCertificate: boolean;
  /** Absent: connect and EHLO only, no AUTH. Never log it. */
  user?: string;
  password?: string;
  oauthToken?: string;
}

/** D1: reach the domain's servers without logging in. */
export interface DomainProbe {
  domain: string;
  incoming: { protocol: "imap" | "pop3"; host: string; port: number; tls: TlsMode };
  outgoing: { host: string; port: number; tls: TlsMode };
}

export type ConnectionTestResult = { status: "ok"; detail?: string } | { status: "not-configured"; reason: string };

export interface MailContext {
  /** Throws the Frappe error a site would raise when the login fails. */
  testIncomingLogin(test: IncomingLoginTest): Promise<ConnectionTestResult>;
  testOutgoingLogin(test: OutgoingLoginTest): Promise<ConnectionTestResult>;
  probeDomain(probe: DomainProbe): Promise<ConnectionTestResult>;
}

const NOT_CONFIGURED: ConnectionTestResult = {
  status: "not-configured",
  reason: "no mail engine is attached to this site, so no connection test ran",
};

/** The context used until the mail engine is wired in. */
export const notConfiguredMail: MailContext = {
  testIncomingLogin: () => Promise.resolve(NOT_CONFIGURED),
  testOutgoingLogin: () => Promise.resolve(NOT_CONFIGURED),
  probeDomain: () => Promise.resolve(NOT_CONFIGURED),
};
