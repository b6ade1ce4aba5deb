import { createHash } from "node:crypto";
import { cint, cstr, type Doc } from "../../core/doc";
import type { TlsMode } from "../../core/mail-context";
import type { Site } from "../../core/site";
import { ValidationError } from "../../errors";

/** How to reach and log in to an account's SMTP server (R11 as this project applies it). */
export interface SmtpSettings {
  account: string;
  host: string;
  port: number;
  tls: TlsMode;
  /** Absent: no AUTH (`no_smtp_authentication`). Never log it. */
  auth?: { user: string; pass: string };
}

/** `smtp_port`, else 465 with implicit TLS, else 587 with STARTTLS, else 25. */
export function smtpPort(account: Doc): number {
  const given = cint(account.smtp_port);
  if (given) return given;
  if (cint(account.use_ssl_for_outgoing)) return 465;
  return cint(account.use_tls) ? 587 : 25;
}

/**
 * The account's SMTP settings. Implicit TLS wins when both TLS flags are on (v15 tries STARTTLS
 * inside SSL, which fails); `no_smtp_authentication` means no AUTH even with a stored password
 * (v15 quirk H2 fixed); the login is `login_id`, else `email_id`.
 */
export async function smtpSettings(site: Site, account: Doc): Promise<SmtpSettings> {
  const name = cstr(account.name);
  const host = cstr(account.smtp_server).trim();
  if (!host) throw new ValidationError("SMTP Server is required", { doctype: "Email Account", docname: name, field: "smtp_server" });
  const tls: TlsMode = cint(account.use_ssl_for_outgoing) ? "ssl" : cint(account.use_tls) ? "starttls" : "none";
  const settings: SmtpSettings = { account: name, host, port: smtpPort(account), tls };
  if (cint(account.no_smtp_authentication)) return settings;
  // AuthenticationError "Password not found for Email Account <name> password" when none is stored.
  const pass = await site.getPassword("Email Account", name, "password");
  return { ...settings, auth: { user: cstr(account.login_id).trim() || cstr(account.email_id).trim(), pass } };
}

/** Identifies settings without holding the secret: a changed password or server gives a new pool. */
export function settingsFingerprint(settings: SmtpSettings): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([settings.host, settings.port, settings.tls, settings.auth?.user ?? null]));
  if (settings.auth) hash.update("\0").update(settings.auth.pass);
  return hash.digest("hex");
}
