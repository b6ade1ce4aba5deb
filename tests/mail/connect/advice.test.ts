import { adviceFor, encryptionAdvice, type Endpoint } from "../../../src/mail/connect/advice";
import type { Failure } from "../../../src/mail/connect/failure";

/** The advice texts: what each failure is and what to do, per protocol and TLS setting. */

const imap: Endpoint = { service: "imap", host: "mail.example.com", port: 993, tls: "ssl", user: "support@example.com", timeoutMs: 5000 };
const failure = (kind: Failure["kind"], extra: Partial<Failure> = {}): Failure => ({ kind, text: "", facts: {}, ...extra });

describe("adviceFor", () => {
  test("the encryption advice names the ports and settings of each protocol", () => {
    expect(encryptionAdvice("imap")).toBe("The server refuses passwords without encryption: enable SSL/TLS (port 993) or STARTTLS on the Email Domain.");
    expect(encryptionAdvice("pop3")).toBe("The server refuses passwords without encryption: enable SSL/TLS (port 995) on the Email Domain.");
    expect(encryptionAdvice("smtp")).toBe(
      "The server refuses passwords without encryption: enable SSL/TLS (Use SSL for Outgoing, port 465) or STARTTLS (Use TLS, port 587) on the Email Domain.",
    );
    expect(adviceFor(failure("plaintext-refused"), { ...imap, tls: "none", port: 143 })).toBe(encryptionAdvice("imap"));
  });

  test("credentials: whose login, app passwords for Gmail and Microsoft; never a password", () => {
    expect(adviceFor(failure("credentials"), imap)).toBe(
      "The server refused the login for support@example.com: check the password, and the Login ID if the mailbox login differs from the e-mail address; Gmail, Outlook and Microsoft 365 accept only an app password (or OAuth) once two-step verification is on.",
    );
  });

  test("each certificate problem says what it is and how to fix it", () => {
    expect(adviceFor(failure("certificate", { certificate: "self-signed" }), imap)).toMatch(/^The certificate of mail\.example\.com is self-signed, .*Let's Encrypt.* or trust it on this machine .*NODE_EXTRA_CA_CERTS\.$/);
    expect(adviceFor(failure("certificate", { certificate: "untrusted" }), imap)).toMatch(/authority this machine does not trust: install .* full chain .* or trust it/);
    expect(adviceFor(failure("certificate", { certificate: "hostname" }), imap)).toBe(
      "The certificate of the server does not name mail.example.com: set the server name the certificate was issued for on the Email Domain, or install a certificate that covers mail.example.com on the server.",
    );
    expect(adviceFor(failure("certificate", { certificate: "expired" }), imap)).toBe("The certificate of mail.example.com has expired: renew it on the server, or correct this machine's clock if it is wrong.");
    expect(adviceFor(failure("certificate", { certificate: "not-yet-valid" }), imap)).toMatch(/not valid yet: correct this machine's clock/);
    expect(adviceFor(failure("certificate", { certificate: "other" }), imap)).toMatch(/could not be verified/);
  });

  test("host, port and firewall advice for DNS, refused, unreachable and timeouts", () => {
    expect(adviceFor(failure("dns"), imap)).toBe("The host name mail.example.com does not resolve: check its spelling on the Email Domain, and this machine's DNS.");
    expect(adviceFor(failure("refused"), { ...imap, service: "smtp", port: 2525 })).toBe(
      "Nothing accepts connections on mail.example.com:2525: check the server name and port (SMTP uses 465 with SSL/TLS or 587 with STARTTLS), that the mail server runs, and that no firewall rejects the port.",
    );
    expect(adviceFor(failure("unreachable"), imap)).toMatch(/^mail\.example\.com cannot be reached from this machine/);
    expect(adviceFor(failure("timeout"), imap)).toBe("No answer from mail.example.com:993 within 5 s: check the port (IMAP uses 993 with SSL/TLS or 143 with STARTTLS) and whether a firewall drops the connection.");
  });

  test("a plain client on a TLS port (greeting never comes) and TLS on a plain port are told apart", () => {
    const plainOnTls = adviceFor(failure("timeout", { facts: { code: "GREETING_TIMEOUT" } }), { ...imap, tls: "none", port: 10993 });
    expect(plainOnTls).toBe("mail.example.com:10993 expects TLS from the first byte: turn SSL/TLS on for this port, or use the other port (IMAP uses 993 with SSL/TLS or 143 with STARTTLS).");
    expect(adviceFor(failure("closed"), { ...imap, tls: "starttls", port: 993 })).toBe(plainOnTls.replace("10993", "993"));
    expect(adviceFor(failure("tls-mismatch"), { ...imap, port: 143 })).toMatch(/^mail\.example\.com:143 does not speak TLS from the first byte: turn SSL\/TLS off \(and STARTTLS on\)/);
  });

  test("SMTP without AUTH: encrypt first on a clear connection, else no-auth or the submission port", () => {
    const smtp: Endpoint = { service: "smtp", host: "smtp.example.com", port: 25, tls: "none" };
    expect(adviceFor(failure("auth-unavailable"), smtp)).toMatch(/offers no login on an unencrypted connection: enable SSL\/TLS/);
    expect(adviceFor(failure("auth-unavailable"), { ...smtp, tls: "starttls" })).toMatch(/tick "Disable SMTP server authentication"/);
    expect(adviceFor(failure("starttls-unavailable"), smtp)).toMatch(/does not offer STARTTLS: use SSL\/TLS/);
  });

  test("anything else points to the settings and the server's log", () => {
    expect(adviceFor(failure("protocol"), imap)).toMatch(/^The server answered with an error/);
  });
});
