import { classifyFailure } from "../../../src/mail/connect/failure";

/**
 * The translation of lower errors into kinds, from the shapes imapflow, nodemailer and Node report
 * (as measured against Dovecot and Postfix, /work/shared/reference/mail-test-rig.md). The rig tests
 * prove the same against the servers; these pin each shape on its own.
 */

const withProps = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

describe("classifyFailure", () => {
  test("imapflow's PRIVACYREQUIRED answer is plaintext-refused (not credentials, although authenticationFailed is set)", () => {
    const err = withProps("Command failed", {
      responseStatus: "NO",
      responseText: "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
      serverResponseCode: "PRIVACYREQUIRED",
      authenticationFailed: true,
      executedCommand: '2 LOGIN "info@example.test" "(* value hidden *)"',
    });
    expect(classifyFailure(err)).toEqual({
      kind: "plaintext-refused",
      text: "[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
      facts: { serverResponseCode: "PRIVACYREQUIRED" },
    });
  });

  test("imapflow's LOGINDISABLED refusal ('Login is disabled', authenticationFailed) is plaintext-refused", () => {
    expect(classifyFailure(withProps("Login is disabled", { authenticationFailed: true })).kind).toBe("plaintext-refused");
  });

  test("AUTHENTICATIONFAILED, SMTP 535/534 and Frappe's 'loginfailed' text are credentials", () => {
    expect(classifyFailure(withProps("Command failed", { responseText: "Authentication failed.", serverResponseCode: "AUTHENTICATIONFAILED", authenticationFailed: true }))).toMatchObject({
      kind: "credentials",
      text: "[AUTHENTICATIONFAILED] Authentication failed.",
    });
    expect(classifyFailure(withProps("Invalid login: 535 5.7.8 Error: authentication failed", { code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" }))).toEqual({
      kind: "credentials",
      text: "Invalid login: 535 5.7.8 Error: authentication failed",
      facts: { code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" },
    });
    expect(classifyFailure(withProps("Invalid login: 534-5.7.9 Application-specific password required", { code: "EAUTH", responseCode: 534 })).kind).toBe("credentials");
    expect(classifyFailure(new Error("[LOGIN FAILED] bad user")).kind).toBe("credentials");
  });

  test("POP3 answers: -ERR [AUTH] is credentials, the plaintext refusal is plaintext-refused", () => {
    expect(classifyFailure(withProps("-ERR [AUTH] Authentication failed.", { command: "PASS" })).kind).toBe("credentials");
    expect(classifyFailure(withProps("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", { command: "USER" })).kind).toBe("plaintext-refused");
  });

  test("SMTP: 530 'Must issue a STARTTLS command first' and 538 are plaintext-refused; 503 on AUTH is auth-unavailable", () => {
    expect(classifyFailure(withProps("Invalid login: 530 5.7.0 Must issue a STARTTLS command first", { code: "EAUTH", responseCode: 530, command: "AUTH PLAIN" })).kind).toBe("plaintext-refused");
    expect(classifyFailure(withProps("Invalid login: 538 5.7.11 Encryption required for requested authentication mechanism", { code: "EAUTH", responseCode: 538 })).kind).toBe("plaintext-refused");
    expect(classifyFailure(withProps("Invalid login: 503 5.5.1 Error: authentication not enabled", { code: "EAUTH", responseCode: 503, command: "AUTH PLAIN" })).kind).toBe("auth-unavailable");
  });

  test("certificate codes name the problem, wherever nodemailer or imapflow put the code", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: "DEPTH_ZERO_SELF_SIGNED_CERT" }, "self-signed"],
      [{ code: "ESOCKET", originalCode: "SELF_SIGNED_CERT_IN_CHAIN" }, "untrusted"],
      [{ code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }, "untrusted"],
      [{ code: "ERR_TLS_CERT_ALTNAME_INVALID" }, "hostname"],
      [{ code: "CERT_HAS_EXPIRED" }, "expired"],
      [{ code: "CERT_NOT_YET_VALID" }, "not-yet-valid"],
      [{ code: "CERT_REVOKED" }, "other"],
    ];
    for (const [props, certificate] of cases) {
      expect([props, classifyFailure(withProps("tls", props))]).toEqual([props, expect.objectContaining({ kind: "certificate", certificate })]);
    }
    // imapflow wraps the socket error in `_err` for a failed STARTTLS upgrade.
    expect(classifyFailure(withProps("upgrade failed", { tlsFailed: true, _err: withProps("self-signed certificate", { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }) }))).toMatchObject({
      kind: "certificate",
      certificate: "self-signed",
    });
  });

  test("OpenSSL's wrong-version-number error is tls-mismatch, with its reason as the text", () => {
    const err = withProps("80CCC498D37F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:", {
      code: "ERR_SSL_WRONG_VERSION_NUMBER",
    });
    expect(classifyFailure(err)).toMatchObject({ kind: "tls-mismatch", text: "TLS handshake failed: wrong version number" });
  });

  test("missing STARTTLS is starttls-unavailable (imapflow's message, or an SMTP 5xx to STARTTLS)", () => {
    expect(classifyFailure(withProps("Server does not support STARTTLS", { tlsFailed: true })).kind).toBe("starttls-unavailable");
    expect(classifyFailure(withProps("Error upgrading connection with STARTTLS: 502 5.5.1 not implemented", { code: "ETLS", responseCode: 502, command: "STARTTLS" })).kind).toBe(
      "starttls-unavailable",
    );
  });

  test("socket codes: DNS, refused, timeouts, unreachable, closed; nodemailer's originalCode wins over its own", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: "ENOTFOUND" }, "dns"],
      [{ code: "EDNS", originalCode: "EAI_AGAIN" }, "dns"],
      [{ code: "ESOCKET", originalCode: "ECONNREFUSED" }, "refused"],
      [{ code: "GREETING_TIMEOUT" }, "timeout"],
      [{ code: "CONNECT_TIMEOUT" }, "timeout"],
      [{ code: "ETIMEDOUT" }, "timeout"],
      [{ code: "EHOSTUNREACH" }, "unreachable"],
      [{ code: "ECONNRESET" }, "closed"],
      [{ code: "NoConnection" }, "closed"],
      [{ code: "SOMETHING_ELSE" }, "protocol"],
    ];
    for (const [props, kind] of cases) expect([props, classifyFailure(withProps("x", props)).kind]).toEqual([props, kind]);
    expect(classifyFailure(withProps("connect ECONNREFUSED 127.0.0.1:1", { code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" })).facts).toEqual({
      code: "ECONNREFUSED",
      command: "CONN",
    });
  });

  test("an error from another realm (not instanceof Error) is still read by its shape", () => {
    const foreign = { message: "connect ECONNREFUSED 127.0.0.1:1", code: "ECONNREFUSED" };
    expect(classifyFailure(foreign)).toEqual({ kind: "refused", text: "connect ECONNREFUSED 127.0.0.1:1", facts: { code: "ECONNREFUSED" } });
    expect(classifyFailure("just a string")).toEqual({ kind: "protocol", text: "just a string", facts: {} });
  });
});
