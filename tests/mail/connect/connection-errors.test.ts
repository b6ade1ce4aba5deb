import { IncomingEmailError, OutgoingEmailError, ValidationError } from "../../../src/errors";
import type { Endpoint } from "../../../src/mail/connect/advice";
import { incomingLoginError, outgoingLoginError, probeError } from "../../../src/mail/connect/connection-errors";

/** Frappe's texts with our advice appended, the facts kept, the password cut out. */

const SECRET = "Pa55-Word-Secret";
const imap: Endpoint = { service: "imap", host: "127.0.0.1", port: 143, tls: "none", user: "info@example.test" };
const smtp: Endpoint = { service: "smtp", host: "127.0.0.1", port: 587, tls: "starttls", user: "sales@example.test" };
const withProps = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

describe("incomingLoginError (R10)", () => {
  test("the user's PRIVACYREQUIRED case: the server's text, then the encryption advice; the catalogue code stays", () => {
    const cause = withProps("Command failed", { responseText: "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", serverResponseCode: "PRIVACYREQUIRED", authenticationFailed: true });
    const err = incomingLoginError(cause, imap, [SECRET]);
    expect(err).toBeInstanceOf(IncomingEmailError);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe(
      "[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections. The server refuses passwords without encryption: enable SSL/TLS (port 993) or STARTTLS on the Email Domain.",
    );
    expect(err.hint).toBe("The server refuses passwords without encryption: enable SSL/TLS (port 993) or STARTTLS on the Email Domain.");
    expect(err).toMatchObject({ code: "FEA_INCOMING_EMAIL", excType: "ValidationError", kind: "plaintext-refused", serverResponseCode: "PRIVACYREQUIRED", title: "Encryption Required" });
    expect(err.cause).toBe(cause);
  });

  test("a refused login is Frappe's credentials message (title Invalid Credentials); an echoed password is masked everywhere", () => {
    const cause = withProps("Command failed", {
      responseText: `Authentication failed for ${SECRET}.`,
      serverResponseCode: "AUTHENTICATIONFAILED",
      authenticationFailed: true,
      executedCommand: `2 LOGIN "info@example.test" "${SECRET}"`,
    });
    const err = incomingLoginError(cause, imap, [SECRET]);
    expect(err.title).toBe("Invalid Credentials");
    expect(err.message).toMatch(/^Please check your email login credentials\. \[AUTHENTICATIONFAILED\] Authentication failed for \*\*\*\*\*\. The server refused the login for info@example\.test: /);
    expect(JSON.stringify(cause)).not.toContain(SECRET);
    expect(String(cause.stack)).not.toContain(SECRET);
  });

  test("a socket failure starts with Frappe's 'Invalid Mail Server' and keeps the lower code apart from the catalogue code", () => {
    const err = incomingLoginError(withProps("connect ECONNREFUSED 127.0.0.1:143", { code: "ECONNREFUSED" }), imap);
    expect(err.message).toMatch(/^Invalid Mail Server\. Please rectify and try again\. connect ECONNREFUSED 127\.0\.0\.1:143\. Nothing accepts connections on 127\.0\.0\.1:143: /);
    expect(err).toMatchObject({ code: "FEA_INCOMING_EMAIL", lowerCode: "ECONNREFUSED", kind: "refused", title: "Invalid Mail Server" });
  });

  test("another server answer is its own text plus the general advice", () => {
    const err = incomingLoginError(withProps("Command failed", { responseText: "Internal error occurred.", serverResponseCode: "SERVERBUG" }), imap);
    expect(err.message).toMatch(/^\[SERVERBUG\] Internal error occurred\. The server answered with an error: /);
  });
});

describe("outgoingLoginError (R11)", () => {
  test("535 is the credentials message on an OutgoingEmailError with responseCode and command kept", () => {
    const err = outgoingLoginError(withProps("Invalid login: 535 5.7.8 Error: authentication failed", { code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" }), smtp, [SECRET]);
    expect(err).toBeInstanceOf(OutgoingEmailError);
    expect(err).toMatchObject({ title: "Invalid Credentials", responseCode: 535, command: "AUTH PLAIN", lowerCode: "EAUTH", code: "FEA_OUTGOING_EMAIL" });
    expect(err.message).toMatch(/^Please check your email login credentials\. Invalid login: 535 5\.7\.8 Error: authentication failed\. The server refused the login for sales@example\.test/);
  });

  test("anything else is 'Invalid Outgoing Mail Server or Port: {0}' (Incorrect Configuration) with the advice", () => {
    const err = outgoingLoginError(withProps("Invalid login: 530 5.7.0 Must issue a STARTTLS command first", { code: "EAUTH", responseCode: 530 }), { ...smtp, tls: "none", port: 25 });
    expect(err.title).toBe("Incorrect Configuration");
    expect(err.message).toBe(
      "Invalid Outgoing Mail Server or Port: Invalid login: 530 5.7.0 Must issue a STARTTLS command first. The server refuses passwords without encryption: enable SSL/TLS (Use SSL for Outgoing, port 465) or STARTTLS (Use TLS, port 587) on the Email Domain.",
    );
  });
});

describe("probeError (D1)", () => {
  test("incoming: IncomingEmailError 'Error connecting via IMAP/POP3: ...'; outgoing: OutgoingEmailError 'Error connecting via SMTP: ...'", () => {
    const refused = () => withProps("connect ECONNREFUSED 127.0.0.1:993", { code: "ECONNREFUSED" });
    const incoming = probeError(refused(), { ...imap, port: 993, tls: "ssl" });
    expect(incoming).toBeInstanceOf(IncomingEmailError);
    expect(incoming).toMatchObject({ title: "Incoming email account not correct", doctype: "Email Domain" });
    expect(incoming.message).toMatch(/^Error connecting via IMAP\/POP3: connect ECONNREFUSED 127\.0\.0\.1:993\. Nothing accepts connections/);
    const outgoing = probeError(refused(), smtp);
    expect(outgoing).toBeInstanceOf(OutgoingEmailError);
    expect(outgoing).toMatchObject({ title: "Outgoing email account not correct" });
    expect(outgoing.message).toMatch(/^Error connecting via SMTP: /);
  });
});
