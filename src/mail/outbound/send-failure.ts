import { isFrappeError } from "../../errors";

/**
 * What a failed send means for the queue row:
 * - `recipient`: the server refused this one address for good (5xx at RCPT): mark it, go on;
 * - `transient`: 4xx, a dropped or refused connection, a timeout: the row is tried again next flush;
 * - `permanent`: any other 5xx (a refused login, a refused sender) or a configuration problem:
 *   the row ends in Error.
 * `accountWide` failures (the login, the connection) would hit every row of the account, so the
 * flush leaves that account's other rows for the next run instead of repeating them.
 */
export interface SendFailure {
  kind: "recipient" | "transient" | "permanent";
  accountWide: boolean;
  /** For the row's `error` field and the log: the server's own words, never a secret. */
  text: string;
  code?: string;
  responseCode?: number;
  command?: string;
}

type SmtpErrorLike = Error & { code?: unknown; responseCode?: unknown; command?: unknown; response?: unknown };

const CONNECTION_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "ECONNRESET", "ECONNREFUSED", "EPIPE", "EPROTOCOL"]);

/** Removes a secret, and the base64 forms an AUTH exchange would carry, from a text. */
export function redactSecret(text: string, secret: string | undefined, user?: string): string {
  if (!secret) return text;
  const forms = [secret, Buffer.from(secret).toString("base64")];
  if (user) forms.push(Buffer.from(`\0${user}\0${secret}`).toString("base64"), Buffer.from(`${user}\0${user}\0${secret}`).toString("base64"));
  return forms.reduce((out, form) => (form ? out.split(form).join("*****") : out), text);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Reads a nodemailer (or site) error into a SendFailure; `secret` is scrubbed from the text. */
export function classifySendFailure(err: unknown, secret?: string, user?: string): SendFailure {
  if (isFrappeError(err)) {
    // The site refused: no password stored, no SMTP server... Nothing a retry would change.
    return { kind: "permanent", accountWide: true, text: redactSecret(err.message, secret, user), code: err.code };
  }
  const error = (err instanceof Error ? err : new Error(String(err))) as SmtpErrorLike;
  const code = stringOrUndefined(error.code);
  const command = stringOrUndefined(error.command);
  const responseCode = typeof error.responseCode === "number" ? error.responseCode : undefined;
  const text = redactSecret(error.message, secret, user);
  const base = { text, ...(code ? { code } : {}), ...(command ? { command } : {}), ...(responseCode ? { responseCode } : {}) };
  const isAuth = code === "EAUTH" || (command ?? "").startsWith("AUTH");
  if (responseCode !== undefined && responseCode >= 500) {
    if (/^RCPT/i.test(command ?? "")) return { kind: "recipient", accountWide: false, ...base };
    return { kind: "permanent", accountWide: isAuth, ...base };
  }
  if (responseCode !== undefined && responseCode >= 400) return { kind: "transient", accountWide: isAuth || /^(CONN|EHLO|HELO|STARTTLS)/i.test(command ?? ""), ...base };
  if (isAuth) return { kind: "permanent", accountWide: true, ...base };
  if (code === "EENVELOPE" || code === "EMESSAGE") return { kind: "permanent", accountWide: false, ...base };
  // A dropped or refused connection, a timeout, a TLS failure, or anything unknown: try again later.
  return { kind: "transient", accountWide: code === undefined || CONNECTION_CODES.has(code), ...base };
}
