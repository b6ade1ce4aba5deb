import { type FrappeError, IncomingEmailError, OutgoingEmailError } from "../../errors";
import { adviceFor, type Endpoint } from "./advice";
import { classifyFailure, type Failure, type FailureKind, type LowerFacts } from "./failure";
import { redactSecrets, redactText } from "./redact";

/**
 * Frappe's connection-test errors (R10, R11, D1) with our advice attached: the advice is the
 * message's last sentence and the `hint` field; the lower library's facts stay on the error and
 * its original is the `cause`, with the password cut out everywhere.
 */

export interface ConnectionFacts extends Omit<LowerFacts, "code"> {
  /** What to do about it, one sentence (also the message's last sentence). */
  hint: string;
  kind: FailureKind;
  /** The lower library's code (ECONNREFUSED, EAUTH, ...); `code` stays the catalogue's. */
  lowerCode?: string;
}

export type IncomingConnectionError = IncomingEmailError & ConnectionFacts;
export type OutgoingConnectionError = OutgoingEmailError & ConnectionFacts;

/** A text as a sentence: trimmed, ending with a full stop unless it already ends with punctuation. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function attach<T extends FrappeError>(err: T, failure: Failure, hint: string): T & ConnectionFacts {
  const { code, ...facts } = failure.facts;
  return Object.assign(err, { hint, kind: failure.kind, ...facts, ...(code === undefined ? {} : { lowerCode: code }) });
}

/** The failure, its text and its advice, with every secret masked. */
function understand(err: unknown, endpoint: Endpoint, secrets: Array<string | undefined>): { failure: Failure; hint: string } {
  redactSecrets(err, ...secrets);
  const failure = classifyFailure(err);
  failure.text = redactText(failure.text, ...secrets);
  return { failure, hint: adviceFor(failure, endpoint) };
}

/** Frappe's title for a failed login (R10/R11); the others name what the advice is about. */
function titleFor(kind: FailureKind): string {
  switch (kind) {
    case "credentials":
      return "Invalid Credentials";
    case "plaintext-refused":
      return "Encryption Required";
    case "certificate":
      return "Certificate Not Trusted";
    default:
      return "Invalid Mail Server";
  }
}

const SOCKET_KINDS: ReadonlySet<FailureKind> = new Set(["dns", "refused", "timeout", "unreachable", "closed", "certificate", "tls-mismatch"]);

/**
 * R10, the incoming (IMAP/POP3) login test. Frappe: a refused login is `Please check your email
 * login credentials. <server text>` (Invalid Credentials); a socket failure shows `Invalid Mail
 * Server. Please rectify and try again.`; any other server answer is its own text.
 */
export function incomingLoginError(err: unknown, endpoint: Endpoint, secrets: Array<string | undefined> = []): IncomingConnectionError {
  const { failure, hint } = understand(err, endpoint, secrets);
  const lead =
    failure.kind === "credentials"
      ? `Please check your email login credentials. ${sentence(failure.text)}`
      : SOCKET_KINDS.has(failure.kind)
        ? `Invalid Mail Server. Please rectify and try again. ${sentence(failure.text)}`
        : sentence(failure.text);
  const error = new IncomingEmailError(`${lead} ${hint}`, { title: titleFor(failure.kind), cause: err });
  return attach(error, failure, hint);
}

/**
 * R11, the outgoing (SMTP) login test: `Please check your email login credentials. ...`
 * (Invalid Credentials) or `Invalid Outgoing Mail Server or Port: {0}` (Incorrect Configuration).
 */
export function outgoingLoginError(err: unknown, endpoint: Endpoint, secrets: Array<string | undefined> = []): OutgoingConnectionError {
  const { failure, hint } = understand(err, endpoint, secrets);
  const credentials = failure.kind === "credentials";
  const lead = credentials
    ? `Please check your email login credentials. ${sentence(failure.text)}`
    : `Invalid Outgoing Mail Server or Port: ${sentence(failure.text)}`;
  const error = new OutgoingEmailError(`${lead} ${hint}`, { title: credentials ? "Invalid Credentials" : "Incorrect Configuration", cause: err });
  return attach(error, failure, hint);
}

/** D1, the Email Domain's probe without login: `Error connecting via IMAP/POP3: {e}` / `Error connecting via SMTP: {e}`. */
export function probeError(err: unknown, endpoint: Endpoint): IncomingConnectionError | OutgoingConnectionError {
  const { failure, hint } = understand(err, endpoint, []);
  if (endpoint.service === "smtp") {
    const error = new OutgoingEmailError(`Error connecting via SMTP: ${sentence(failure.text)} ${hint}`, {
      title: "Outgoing email account not correct",
      doctype: "Email Domain",
      cause: err,
    });
    return attach(error, failure, hint);
  }
  const error = new IncomingEmailError(`Error connecting via IMAP/POP3: ${sentence(failure.text)} ${hint}`, {
    title: "Incoming email account not correct",
    doctype: "Email Domain",
    cause: err,
  });
  return attach(error, failure, hint);
}
