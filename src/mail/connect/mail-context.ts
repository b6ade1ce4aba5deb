import type { Logger } from "../../core/logger";
import type { ConnectionTestResult, DomainProbe, IncomingLoginTest, MailContext, OutgoingLoginTest } from "../../core/mail-context";
import type { Endpoint } from "./advice";
import { incomingLoginError, outgoingLoginError, probeError } from "./connection-errors";
import { probeGreeting } from "./greeting-probe";
import { endImapSession, openImapSession } from "./imap-session";
import { pop3Login } from "./pop3-login";
import { smtpLogin } from "./smtp-login";
import type { TrustOptions } from "./tls-trust";

/**
 * The real mail context: the connection tests the controllers ask for, run against the servers.
 * Failures are Frappe's errors with our advice (see connection-errors.ts); nothing logged or
 * thrown contains a password or token.
 */

export interface MailContextOptions {
  log: Logger;
  /** Extra CA certificates to trust besides the system's (e.g. a company CA). */
  tls?: TrustOptions;
  /** Deadline per connection step (connect, greeting, each command). Default 20 s. */
  timeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

export function createMailContext(options: MailContextOptions): MailContext {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const trust = options.tls ?? {};
  const log = options.log.child({ component: "mail-connect" });

  async function testIncomingLogin(test: IncomingLoginTest): Promise<ConnectionTestResult> {
    const endpoint: Endpoint = { service: test.protocol, host: test.host, port: test.port, tls: test.tls, user: test.user, timeoutMs };
    const where = { account: test.account, protocol: test.protocol, host: test.host, port: test.port, tls: test.tls };
    const login = { ...test, trust, timeoutMs };
    try {
      if (test.protocol === "pop3") await pop3Login(login);
      else await endImapSession(await openImapSession(login));
    } catch (err) {
      const error = incomingLoginError(err, endpoint, [test.password, test.oauthToken]);
      log.warn({ ...where, kind: error.kind, hint: error.hint }, "incoming login failed");
      throw error;
    }
    log.info(where, "incoming login ok");
    return { status: "ok", detail: `logged in to ${test.host}:${test.port} as ${test.user}` };
  }

  async function testOutgoingLogin(test: OutgoingLoginTest): Promise<ConnectionTestResult> {
    const endpoint: Endpoint = { service: "smtp", host: test.host, port: test.port, tls: test.tls, timeoutMs, ...(test.user ? { user: test.user } : {}) };
    const where = { account: test.account, host: test.host, port: test.port, tls: test.tls, auth: Boolean(test.user) };
    try {
      await smtpLogin({ ...test, trust, timeoutMs });
    } catch (err) {
      const error = outgoingLoginError(err, endpoint, [test.password, test.oauthToken]);
      log.warn({ ...where, kind: error.kind, hint: error.hint }, "outgoing login failed");
      throw error;
    }
    log.info(where, "outgoing login ok");
    const how = test.user ? `logged in as ${test.user}` : "connected without login";
    return { status: "ok", detail: `${how} at ${test.host}:${test.port}` };
  }

  /** D1: the incoming server first, as Frappe; its failure stops the probe. */
  async function probeDomain(probe: DomainProbe): Promise<ConnectionTestResult> {
    const incoming: Endpoint = { service: probe.incoming.protocol, ...pick(probe.incoming), timeoutMs };
    const outgoing: Endpoint = { service: "smtp", ...pick(probe.outgoing), timeoutMs };
    for (const endpoint of [incoming, outgoing]) {
      try {
        await probeGreeting({ ...endpoint, trust, timeoutMs });
      } catch (err) {
        const error = probeError(err, endpoint);
        log.warn({ domain: probe.domain, service: endpoint.service, host: endpoint.host, port: endpoint.port, kind: error.kind }, "domain probe failed");
        throw error;
      }
    }
    log.info({ domain: probe.domain }, "domain probe ok");
    return { status: "ok", detail: `reached ${incoming.host}:${incoming.port} and ${outgoing.host}:${outgoing.port}` };
  }

  return { testIncomingLogin, testOutgoingLogin, probeDomain };
}

function pick(server: { host: string; port: number; tls: DomainProbe["outgoing"]["tls"] }) {
  return { host: server.host, port: server.port, tls: server.tls };
}
