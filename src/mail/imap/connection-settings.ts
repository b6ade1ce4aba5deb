import type { ImapFlowOptions } from "imapflow";
import net from "node:net";
import tls from "node:tls";
import { cint, cstr, type Doc } from "../../core/doc";

/** Where and how to reach an account's IMAP server; the password is added at connect time only. */
export interface ImapServerSettings {
  host: string;
  port: number;
  /** Implicit TLS (IMAPS). */
  secure: boolean;
  /** Upgrade with STARTTLS, and refuse to go on without it. */
  starttls: boolean;
  user: string;
}

/** The login name: the alternative id when the account says it differs, else the address (R10). */
export function imapLoginUser(account: Doc): string {
  const loginId = cstr(account.login_id).trim();
  return cint(account.login_id_is_different) && loginId !== "" ? loginId : cstr(account.email_id);
}

/**
 * The server settings of an account. Port: `incoming_port`, else 993 with SSL and 143 without (R10).
 * With both SSL and STARTTLS on, SSL wins (in v15 that combination never connects).
 */
export function imapServerSettings(account: Doc): ImapServerSettings {
  const secure = cint(account.use_ssl) === 1;
  const port = cint(account.incoming_port) || (secure ? 993 : 143);
  return {
    host: cstr(account.email_server).trim(),
    port,
    secure,
    starttls: !secure && cint(account.use_starttls) === 1,
    user: imapLoginUser(account),
  };
}

export interface ClientTuning {
  /** Extra trusted CA certificates (PEM), e.g. a test server's self-signed one. */
  ca?: string | Buffer;
  /** imapflow's socket inactivity timeout. */
  socketTimeoutMs?: number;
  connectionTimeoutMs?: number;
}

/**
 * imapflow options for one connection. Certificates are always verified (with the optional extra
 * CA); STARTTLS is used only when the account asks for it (`doSTARTTLS: false` otherwise, since
 * imapflow would otherwise upgrade on its own whenever offered, and fail on an unverifiable
 * certificate the account never asked to use).
 */
export function imapClientOptions(settings: ImapServerSettings, password: string, tuning: ClientTuning = {}): ImapFlowOptions {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    doSTARTTLS: settings.secure ? undefined : settings.starttls,
    auth: { user: settings.user, pass: password },
    tls: {
      rejectUnauthorized: true,
      // Node's `ca` replaces the trusted roots: the extra CA is added to them, not used alone.
      ...(tuning.ca ? { ca: [...tls.rootCertificates, tuning.ca.toString()] } : {}),
      // SNI carries host names only; an IP address is checked against the certificate's IP SANs.
      ...(net.isIP(settings.host) === 0 ? { servername: settings.host } : {}),
    },
    logger: false,
    disableAutoIdle: true,
    ...(tuning.socketTimeoutMs ? { socketTimeout: tuning.socketTimeoutMs } : {}),
    ...(tuning.connectionTimeoutMs ? { connectionTimeout: tuning.connectionTimeoutMs } : {}),
  };
}
