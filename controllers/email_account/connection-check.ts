import type { DocumentContext } from "../../src/core/context";
import { cint, cstr, type Doc } from "../../src/core/doc";
import type { ConnectionTestResult, IncomingLoginTest, OutgoingLoginTest } from "../../src/core/mail-context";
import { bold, ValidationError } from "../../src/errors";
import { buildIncomingTest, buildOutgoingTest } from "./login-tests";

/**
 * R6-R9 and R33 of validate: the OAuth flag, STARTTLS normalisation, OAuth clearing the
 * password, and the gate that decides whether the incoming / outgoing logins are tested.
 */

/** Frappe treats an SMTP server on this machine as needing no password to be tested. */
const LOCAL_SMTP_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost"]);

type Direction = "incoming" | "outgoing";

export async function checkConnections(doc: Doc, ctx: DocumentContext, isNew: boolean): Promise<void> {
  const useOauth = doc.auth_method === "OAuth";
  // R6. No OAuth token cache exists on this site yet, so "a token exists" is always false:
  // a new OAuth account is saved untested, an existing one asks for authorisation.
  const tokenExists = false;
  const validateOauth = useOauth && !(isNew && !tokenExists);

  // R7: STARTTLS only for IMAP without implicit TLS.
  doc.use_starttls = cint(doc.use_imap) && cint(doc.use_starttls) && !cint(doc.use_ssl) ? 1 : 0;

  // R8: OAuth accounts keep no password (the stored secret is removed on write).
  if (useOauth) {
    doc.awaiting_password = 0;
    doc.password = null;
  }

  // R9 / R33: nothing is tested while installing or while the password is awaited.
  if (ctx.flags.inInstall || cint(doc.awaiting_password)) return;

  const incoming = cint(doc.enable_incoming) === 1;
  const outgoing = cint(doc.enable_outgoing) === 1;
  const wanted = validateOauth || cstr(doc.password) !== "" || LOCAL_SMTP_HOSTS.has(cstr(doc.smtp_server));
  if (!wanted) {
    if ((incoming || (outgoing && !cint(doc.no_smtp_authentication))) && !useOauth) {
      throw new ValidationError("Password is required or select Awaiting Password", {
        doctype: "Email Account",
        docname: cstr(doc.name),
        field: "password",
      });
    }
    return;
  }

  const skipped: Array<{ direction: Direction; reason: string }> = [];
  if (incoming) {
    const test = await buildIncomingTest(doc, ctx);
    const result = await runLogin(ctx, "incoming", test, () => ctx.mail.testIncomingLogin(test));
    if (result?.status === "ok") doc.no_failed = 0;
    if (result?.status === "not-configured") skipped.push({ direction: "incoming", reason: result.reason });
  }
  if (outgoing) {
    const test = await buildOutgoingTest(doc, ctx);
    const result = await runLogin(ctx, "outgoing", test, () => ctx.mail.testOutgoingLogin(test));
    if (result?.status === "not-configured") skipped.push({ direction: "outgoing", reason: result.reason });
  }
  reportSkipped(doc, ctx, skipped);
}

/**
 * Runs one login unless `noConnect` is set (undefined then). A failure propagates as the
 * engine's Frappe error, with the password cut out of its text should a server have echoed it.
 */
async function runLogin(
  ctx: DocumentContext,
  direction: Direction,
  test: IncomingLoginTest | OutgoingLoginTest,
  login: () => Promise<ConnectionTestResult>,
): Promise<ConnectionTestResult | undefined> {
  if (ctx.flags.noConnect) {
    ctx.log.debug({ account: test.account, direction, host: test.host, port: test.port }, "login test skipped: no-connect");
    return undefined;
  }
  try {
    return await login();
  } catch (err) {
    throw redactPassword(err, test.password);
  }
}

function redactPassword(err: unknown, password: string | undefined): unknown {
  if (!password || !(err instanceof Error)) return err;
  const mask = (text: string) => text.split(password).join("*".repeat(password.length));
  err.message = mask(err.message);
  if (typeof err.stack === "string") err.stack = mask(err.stack);
  return err;
}

/** A login the mail engine could not run is not an error: one message per save, one log line per test. */
function reportSkipped(doc: Doc, ctx: DocumentContext, skipped: Array<{ direction: Direction; reason: string }>): void {
  if (skipped.length === 0) return;
  for (const { direction, reason } of skipped) {
    ctx.log.warn({ account: cstr(doc.name), direction, reason }, "connection test skipped");
  }
  const which = skipped.map((s) => s.direction).join(" and ");
  const reasons = [...new Set(skipped.map((s) => s.reason))].join("; ");
  const subject = skipped.length > 1 ? `${which} logins` : `${which} login`;
  const verb = skipped.length > 1 ? "were" : "was";
  ctx.msgprint(`The ${subject} of Email Account ${bold(cstr(doc.name))} ${verb} not tested: ${reasons}.`, {
    title: "Connection test skipped",
    indicator: "orange",
  });
}
