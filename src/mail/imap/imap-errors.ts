/** The fields imapflow and Node put on the errors they raise (all optional). */
interface ImapErrorShape {
  message?: unknown;
  code?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  responseText?: unknown;
  serverResponseCode?: unknown;
}

function shape(err: unknown): ImapErrorShape {
  return typeof err === "object" && err !== null ? (err as ImapErrorShape) : { message: String(err) };
}

/**
 * One line describing the failure for logs and reports: the message, the server's own text and
 * response code. Built only from these fields, never from the failed command (which holds the login).
 */
export function describeImapError(err: unknown): string {
  const e = shape(err);
  const message = typeof e.message === "string" && e.message !== "" ? e.message : "unknown error";
  const parts = [message];
  if (typeof e.responseText === "string" && e.responseText !== "" && e.responseText !== message) parts.push(e.responseText);
  const codes = [e.serverResponseCode, e.code].filter((code): code is string => typeof code === "string" && code !== "");
  return codes.length > 0 ? `${parts.join(": ")} [${codes.join(", ")}]` : parts.join(": ");
}

const CERTIFICATE_CODES = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_TLS_CERT|HOSTNAME_MISMATCH)/;

/**
 * Whether trying again can help: a refused login or an unverifiable certificate stays so however
 * often we knock (and retrying a login only risks locking the account); a dropped or refused
 * connection, a timeout, a DNS hiccup may pass.
 */
export function isRetryableConnectError(err: unknown): boolean {
  const e = shape(err);
  if (e.authenticationFailed === true || e.tlsFailed === true) return false;
  if (typeof e.code === "string" && CERTIFICATE_CODES.test(e.code)) return false;
  if (e.code === "MissingServerExtension" || e.code === "STARTTLS_INJECTION") return false;
  return true;
}
