import type { DocumentContext } from "../../src/core/context";
import { cint, cstr, type Doc } from "../../src/core/doc";
import type { IncomingLoginTest, OutgoingLoginTest, TlsMode } from "../../src/core/mail-context";
import { ValidationError } from "../../src/errors";
import { defaultIncomingPort } from "../mail-settings";

/**
 * R10 / R11: what the incoming and outgoing login tests are asked to do, built from the
 * account the way Frappe's `get_incoming_server` and `sendmail_config` read it. Building a
 * test applies every rule that needs no network (server required, password lookup, OAuth
 * token), so `--no-connect` still enforces them.
 */

const DOCTYPE = "Email Account";

/** Frappe's `is_dummy_password`: the `*` mask a stored Password field is read back as. */
export function isPasswordMask(value: string): boolean {
  return /^\*+$/.test(value);
}


/** `smtp_port`, else 465 with implicit TLS, else 587 with STARTTLS, else 25 (what Python turns 0 into). */
export function outgoingPort(doc: Doc): number {
  const given = cint(doc.smtp_port);
  if (given) return given;
  if (cint(doc.use_ssl_for_outgoing)) return 465;
  return cint(doc.use_tls) ? 587 : 25;
}

/** The clear password: the value being saved when it is not the mask, else the stored secret. */
async function password(doc: Doc, ctx: DocumentContext): Promise<string> {
  const given = cstr(doc.password);
  if (given && !isPasswordMask(given)) return given;
  // AuthenticationError `Password not found for Email Account <name> password` when none is stored, as v15.
  return ctx.site.getPassword(DOCTYPE, cstr(doc.name), "password");
}

/**
 * R6: this site keeps no OAuth token cache yet, so an OAuth login can never be attempted;
 * Frappe's answer for a missing token.
 */
function throwOauthNotAuthorised(doc: Doc): never {
  throw new ValidationError(`Please Authorize OAuth for Email Account ${cstr(doc.name)}`, {
    title: "OAuth Error",
    doctype: DOCTYPE,
    docname: cstr(doc.name),
  });
}

function loginUser(doc: Doc): string {
  return cstr(doc.login_id) || cstr(doc.email_id);
}

/** R10. Writes the default port back into `incoming_port` (so it is saved), as Frappe does. */
export async function buildIncomingTest(doc: Doc, ctx: DocumentContext): Promise<IncomingLoginTest> {
  const useImap = cint(doc.use_imap) === 1;
  const useSsl = cint(doc.use_ssl) === 1;
  if (!cstr(doc.incoming_port)) doc.incoming_port = String(defaultIncomingPort(useImap, useSsl));
  const secret = cstr(doc.password) ? await password(doc, ctx) : undefined;
  if (!cstr(doc.email_server)) {
    throw new ValidationError("Email Server is required", { doctype: DOCTYPE, docname: cstr(doc.name), field: "email_server" });
  }
  if (doc.auth_method === "OAuth") throwOauthNotAuthorised(doc);
  const tls: TlsMode = useSsl ? "ssl" : useImap && cint(doc.use_starttls) ? "starttls" : "none";
  return {
    account: cstr(doc.name),
    protocol: useImap ? "imap" : "pop3",
    host: cstr(doc.email_server),
    port: cint(doc.incoming_port),
    tls,
    // Deviation: v15 verifies implicit-TLS IMAP/POP only; we verify every TLS connection.
    verifyCertificate: true,
    user: loginUser(doc),
    ...(secret === undefined ? {} : { password: secret }),
  };
}

/**
 * R11. With both `use_ssl_for_outgoing` and `use_tls` on, v15 opens SSL and then tries STARTTLS
 * as well (which servers refuse); we test implicit TLS only.
 */
export async function buildOutgoingTest(doc: Doc, ctx: DocumentContext): Promise<OutgoingLoginTest> {
  if (!cstr(doc.smtp_server)) {
    throw new ValidationError("SMTP Server is required", { doctype: DOCTYPE, docname: cstr(doc.name), field: "smtp_server" });
  }
  if (doc.auth_method === "OAuth") throwOauthNotAuthorised(doc);
  const tls: TlsMode = cint(doc.use_ssl_for_outgoing) ? "ssl" : cint(doc.use_tls) ? "starttls" : "none";
  const test: OutgoingLoginTest = {
    account: cstr(doc.name),
    host: cstr(doc.smtp_server),
    port: outgoingPort(doc),
    tls,
    verifyCertificate: true,
  };
  // Quirk H2 fixed: `no_smtp_authentication` really means no AUTH, even with a stored password.
  if (cint(doc.no_smtp_authentication)) return test;
  return { ...test, user: loginUser(doc), password: await password(doc, ctx) };
}
