/**
 * What went wrong, read from whatever the lower library threw (imapflow, nodemailer, Node's
 * sockets, our POP3 and probe clients). The kinds are what a person can act on; the facts are
 * kept as the library reported them.
 */

export type FailureKind =
  /** The server refuses a password over an unencrypted connection (PRIVACYREQUIRED, LOGINDISABLED, SMTP 530/538). */
  | "plaintext-refused"
  | "credentials"
  | "certificate"
  /** Implicit TLS against a plain port (or the reverse). */
  | "tls-mismatch"
  | "starttls-unavailable"
  /** SMTP offers no AUTH on this connection. */
  | "auth-unavailable"
  | "dns"
  | "refused"
  | "timeout"
  | "unreachable"
  | "closed"
  /** Anything else the server answered. */
  | "protocol";

export type CertificateProblem = "self-signed" | "untrusted" | "hostname" | "expired" | "not-yet-valid" | "other";

/** The lower library's own facts, kept on our error. */
export interface LowerFacts {
  /** Node's or the library's code: ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, EAUTH, ... */
  code?: string;
  /** IMAP response code: AUTHENTICATIONFAILED, PRIVACYREQUIRED, ... */
  serverResponseCode?: string;
  /** SMTP reply code: 535, 530, ... */
  responseCode?: number;
  /** The protocol command that failed: AUTH PLAIN, STARTTLS, LOGIN, CONN, ... */
  command?: string;
}

export interface Failure {
  kind: FailureKind;
  certificate?: CertificateProblem;
  /** The server's or library's text, for the message. */
  text: string;
  facts: LowerFacts;
}

type ErrorLike = Error & {
  code?: unknown;
  originalCode?: unknown;
  serverResponseCode?: unknown;
  responseText?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  _err?: unknown;
};

const CERTIFICATE_CODES: Record<string, CertificateProblem> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "untrusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "untrusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "untrusted",
  UNABLE_TO_GET_ISSUER_CERT: "untrusted",
  CERT_UNTRUSTED: "untrusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "hostname",
  HOSTNAME_MISMATCH: "hostname",
  CERT_HAS_EXPIRED: "expired",
  CERT_NOT_YET_VALID: "not-yet-valid",
};

const CODE_KINDS: Record<string, FailureKind> = {
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EAI_NODATA: "dns",
  EDNS: "dns",
  ECONNREFUSED: "refused",
  ETIMEDOUT: "timeout",
  CONNECT_TIMEOUT: "timeout",
  GREETING_TIMEOUT: "timeout",
  UPGRADE_TIMEOUT: "timeout",
  ETIMEOUT: "timeout",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ECONNRESET: "closed",
  EPIPE: "closed",
  EConnectionClosed: "closed",
  NoConnection: "closed",
  ClosedAfterConnectText: "closed",
  ClosedAfterConnectTLS: "closed",
  ERR_SSL_WRONG_VERSION_NUMBER: "tls-mismatch",
  ERR_SSL_PACKET_LENGTH_TOO_LONG: "tls-mismatch",
  ERR_SSL_HTTP_REQUEST: "tls-mismatch",
};

/**
 * Shaped like an Error. Not `instanceof Error`: errors made by Node's core modules come from
 * another realm when the code runs inside a VM context (as under jest), and fail that test.
 */
function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string";
}

/** The error and the errors it wraps (`cause`, imapflow's `_err`), outermost first. */
function chain(err: unknown): ErrorLike[] {
  const seen: ErrorLike[] = [];
  let current: unknown = err;
  while (isErrorLike(current) && seen.length < 5 && !seen.includes(current)) {
    seen.push(current);
    current = current._err ?? current.cause;
  }
  return seen;
}

function firstString(errors: ErrorLike[], key: keyof ErrorLike): string | undefined {
  for (const e of errors) if (typeof e[key] === "string" && e[key] !== "") return e[key] as string;
  return undefined;
}

/** Every code along the chain: nodemailer moves Node's code to `originalCode`. */
function codesOf(errors: ErrorLike[]): string[] {
  const codes: string[] = [];
  for (const e of errors) {
    for (const value of [e.originalCode, e.code]) if (typeof value === "string") codes.push(value);
  }
  return codes;
}

/** Frappe's own test (R10): the error text lower-cased without spaces names a failed login. */
function namesFailedLogin(text: string): boolean {
  const squashed = text.toLowerCase().replace(/\s+/g, "");
  return squashed.includes("authenticationfailed") || squashed.includes("loginfailed");
}

const PLAINTEXT_TEXT = /plaintext authentication (disallowed|not allowed)|login is disabled|must issue a starttls command first|encryption required for requested authentication/i;

/** OpenSSL's `80CC...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:<file>:<line>:` -> its reason. */
const OPENSSL_ERROR = /^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):/;

function textOf(errors: ErrorLike[]): string {
  const outer = errors[0];
  if (!outer) return "unknown error";
  const responseText = firstString(errors, "responseText");
  const serverCode = firstString(errors, "serverResponseCode");
  // imapflow says "Command failed" and keeps the server's words apart: show the server's words.
  if (responseText) return serverCode ? `[${serverCode}] ${responseText}` : responseText;
  const message = outer.message || String(outer);
  const openssl = OPENSSL_ERROR.exec(message);
  return openssl ? `TLS handshake failed: ${openssl[1]}` : message;
}

function factsOf(errors: ErrorLike[], codes: string[]): LowerFacts {
  const responseCode = errors.map((e) => e.responseCode).find((value): value is number => typeof value === "number");
  const serverResponseCode = firstString(errors, "serverResponseCode");
  const command = firstString(errors, "command");
  return {
    ...(codes[0] === undefined ? {} : { code: codes[0] }),
    ...(serverResponseCode === undefined ? {} : { serverResponseCode }),
    ...(responseCode === undefined ? {} : { responseCode }),
    ...(command === undefined ? {} : { command }),
  };
}

function kindOf(errors: ErrorLike[], codes: string[], text: string, facts: LowerFacts): Pick<Failure, "kind" | "certificate"> {
  const everything = [text, ...errors.map((e) => e.message)].join("\n");
  const serverCode = facts.serverResponseCode?.toUpperCase();
  if (serverCode === "PRIVACYREQUIRED" || PLAINTEXT_TEXT.test(everything) || facts.responseCode === 538) return { kind: "plaintext-refused" };
  for (const code of codes) {
    const certificate = CERTIFICATE_CODES[code];
    if (certificate) return { kind: "certificate", certificate };
  }
  if (codes.some((code) => /^(CERT_|ERR_TLS_CERT)/.test(code))) return { kind: "certificate", certificate: "other" };
  if (/wrong version number|packet length too long|unknown protocol|http request/i.test(everything)) return { kind: "tls-mismatch" };
  if (/does not support STARTTLS/i.test(everything) || (facts.command === "STARTTLS" && (facts.responseCode ?? 0) >= 500)) {
    return { kind: "starttls-unavailable" };
  }
  const loginRefused =
    serverCode === "AUTHENTICATIONFAILED" ||
    errors.some((e) => e.authenticationFailed === true) ||
    facts.responseCode === 535 ||
    facts.responseCode === 534 ||
    /^-ERR \[AUTH\]/.test(text) ||
    namesFailedLogin(everything);
  if (loginRefused) return { kind: "credentials" };
  if (facts.responseCode === 503 && /auth/i.test(`${facts.command ?? ""} ${everything}`)) return { kind: "auth-unavailable" };
  for (const code of codes) {
    const kind = CODE_KINDS[code];
    if (kind) return { kind };
  }
  return { kind: "protocol" };
}

export function classifyFailure(err: unknown): Failure {
  const errors = chain(err);
  if (errors.length === 0) return { kind: "protocol", text: String(err), facts: {} };
  const codes = codesOf(errors);
  const text = textOf(errors);
  const facts = factsOf(errors, codes);
  return { ...kindOf(errors, codes, text, facts), text, facts };
}
