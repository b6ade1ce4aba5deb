import { describeImapError, isRetryableConnectError } from "../../../src/mail/imap/imap-errors";

describe("describeImapError", () => {
  test("message, server text and codes; never the failed command with its login", () => {
    const err = Object.assign(new Error("Command failed"), {
      responseText: "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
      serverResponseCode: "PRIVACYREQUIRED",
      executedCommand: '2 LOGIN "info@example.test" "secret-pw"',
    });
    const text = describeImapError(err);
    expect(text).toBe("Command failed: Plaintext authentication disallowed on non-secure (SSL/TLS) connections. [PRIVACYREQUIRED]");
    expect(text).not.toContain("secret-pw");
  });

  test("Node's socket errors keep their code", () => {
    expect(describeImapError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))).toBe("connect ECONNREFUSED 127.0.0.1:1 [ECONNREFUSED]");
  });
});

describe("isRetryableConnectError", () => {
  test("refused connections and timeouts are retried", () => {
    expect(isRetryableConnectError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isRetryableConnectError(Object.assign(new Error("x"), { code: "CONNECT_TIMEOUT" }))).toBe(true);
  });

  test("a refused login or certificate is not", () => {
    expect(isRetryableConnectError(Object.assign(new Error("x"), { authenticationFailed: true }))).toBe(false);
    expect(isRetryableConnectError(Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }))).toBe(false);
    expect(isRetryableConnectError(Object.assign(new Error("x"), { tlsFailed: true }))).toBe(false);
  });
});
