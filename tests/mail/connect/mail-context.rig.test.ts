import type { IncomingLoginTest, OutgoingLoginTest } from "../../../src/core/mail-context";
import { IncomingEmailError, OutgoingEmailError } from "../../../src/errors";
import { createMailContext } from "../../../src/mail/connect";
import { capturingLogger } from "../../controllers/email_account.fixture";
import { rig } from "../../rig";
import { freePorts } from "../../rig/ports";

/** The connection tests against the rig's Dovecot and Postfix: what a save of an Email Account runs. */

const ENCRYPTION = "The server refuses passwords without encryption: enable SSL/TLS (port 993) or STARTTLS on the Email Domain.";

function imapTest(fields: Partial<IncomingLoginTest> = {}): IncomingLoginTest {
  const { host, imap, users } = rig();
  return { account: "Info", protocol: "imap", host, port: imap.tls, tls: "ssl", verifyCertificate: true, user: users.info.email, password: users.info.password, ...fields };
}

function smtpTest(fields: Partial<OutgoingLoginTest> = {}): OutgoingLoginTest {
  const { host, smtp, users } = rig();
  return { account: "Sales", host, port: smtp.submission, tls: "starttls", verifyCertificate: true, user: users.sales.email, password: users.sales.password, ...fields };
}

/** The error a promise rejects with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err as Error & Record<string, unknown>,
  );
  if (!outcome) throw new Error("expected a rejection");
  return outcome;
}

describe("createMailContext against the rig", () => {
  const log = capturingLogger();
  const mail = () => createMailContext({ log, tls: { ca: rig().ca }, timeoutMs: 5000 });
  /** Every logged line, to prove no password is in any. */
  const logged = () => JSON.stringify(log.lines);

  afterAll(() => {
    const text = logged();
    for (const user of Object.values(rig().users)) expect(text).not.toContain(user.password);
  });

  describe("IMAP login", () => {
    test("logs in over implicit TLS, verifying the certificate with the rig's CA, and logs out", async () => {
      await expect(mail().testIncomingLogin(imapTest())).resolves.toEqual({ status: "ok", detail: `logged in to 127.0.0.1:${rig().imap.tls} as info@example.test` });
    });

    test("logs in with STARTTLS on the plain port", async () => {
      await expect(mail().testIncomingLogin(imapTest({ port: rig().imap.plain, tls: "starttls" }))).resolves.toMatchObject({ status: "ok" });
    });

    test("tls none really stays in clear text: through the LOGINDISABLED listener (which offers STARTTLS) it fails", async () => {
      const err = await rejection(mail().testIncomingLogin(imapTest({ port: rig().imap.loginDisabled, tls: "none" })));
      expect(err).toBeInstanceOf(IncomingEmailError);
      expect(err.message).toBe(`Login is disabled. ${ENCRYPTION}`);
      expect(err.hint).toBe(ENCRYPTION);
      expect(err.kind).toBe("plaintext-refused");
      expect(err.title).toBe("Encryption Required");
    });

    test("STARTTLS through the LOGINDISABLED listener logs in", async () => {
      await expect(mail().testIncomingLogin(imapTest({ port: rig().imap.loginDisabled, tls: "starttls" }))).resolves.toMatchObject({ status: "ok" });
    });

    test("[PRIVACYREQUIRED] from the server becomes the user's message plus the encryption advice, with the server's facts kept", async () => {
      const err = await rejection(mail().testIncomingLogin(imapTest({ port: rig().imap.privacyRequired, tls: "none" })));
      expect(err).toBeInstanceOf(IncomingEmailError);
      expect(err.message).toBe(`[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections. ${ENCRYPTION}`);
      expect(err.serverResponseCode).toBe("PRIVACYREQUIRED");
      expect((err.cause as Record<string, unknown>).responseText).toBe("Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
      expect(String((err.cause as Record<string, unknown>).executedCommand)).not.toContain(rig().users.info.password);
    });

    test("a wrong password is Frappe's credentials message with the app-password advice, never echoing the password", async () => {
      const wrong = "Wrong-Horse-Battery-9";
      const err = await rejection(mail().testIncomingLogin(imapTest({ password: wrong })));
      expect(err).toBeInstanceOf(IncomingEmailError);
      expect(err.title).toBe("Invalid Credentials");
      expect(err.message).toMatch(/^Please check your email login credentials\. \[AUTHENTICATIONFAILED\] Authentication failed\. The server refused the login for info@example\.test: .*app password/);
      expect(err.serverResponseCode).toBe("AUTHENTICATIONFAILED");
      expect(JSON.stringify({ ...err, message: err.message, stack: err.stack, cause: String(err.cause) })).not.toContain(wrong);
      expect(logged()).not.toContain(wrong);
    });

    test("the self-signed certificate without the CA: what it is and the two fixes", async () => {
      const untrusting = createMailContext({ log, timeoutMs: 5000 });
      for (const test of [imapTest(), imapTest({ port: rig().imap.plain, tls: "starttls" })]) {
        const err = await rejection(untrusting.testIncomingLogin(test));
        expect(err).toBeInstanceOf(IncomingEmailError);
        expect(err.kind).toBe("certificate");
        expect(err.lowerCode).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
        expect(err.message).toMatch(/^Invalid Mail Server\. Please rectify and try again\. self-signed certificate\. The certificate of 127\.0\.0\.1 is self-signed/);
        expect(err.hint).toMatch(/install a certificate from a public authority .* or trust it on this machine .*NODE_EXTRA_CA_CERTS/);
      }
    });

    test("a closed port: nothing listens there, check host, port and firewall", async () => {
      const [closed] = await freePorts(1);
      const err = await rejection(mail().testIncomingLogin(imapTest({ port: closed! })));
      expect(err).toBeInstanceOf(IncomingEmailError);
      expect(err.lowerCode).toBe("ECONNREFUSED");
      expect(err.hint).toBe(
        `Nothing accepts connections on 127.0.0.1:${closed}: check the server name and port (IMAP uses 993 with SSL/TLS or 143 with STARTTLS), that the mail server runs, and that no firewall rejects the port.`,
      );
      expect(err.message.startsWith("Invalid Mail Server. Please rectify and try again.")).toBe(true);
    });

    test("implicit TLS against the plain port says which TLS setting is wrong", async () => {
      const err = await rejection(mail().testIncomingLogin(imapTest({ port: rig().imap.plain, tls: "ssl" })));
      expect(err.kind).toBe("tls-mismatch");
      expect(err.hint).toMatch(/does not speak TLS from the first byte: turn SSL\/TLS off/);
    });
  });

  describe("SMTP login", () => {
    test("submission with STARTTLS and AUTH", async () => {
      await expect(mail().testOutgoingLogin(smtpTest())).resolves.toEqual({ status: "ok", detail: `logged in as sales@example.test at 127.0.0.1:${rig().smtp.submission}` });
    });

    test("implicit TLS with AUTH", async () => {
      await expect(mail().testOutgoingLogin(smtpTest({ port: rig().smtp.smtps, tls: "ssl" }))).resolves.toMatchObject({ status: "ok" });
    });

    test("without credentials no AUTH is sent (no_smtp_authentication)", async () => {
      const { user: _user, password: _password, ...anonymous } = smtpTest({ port: rig().smtp.plain, tls: "none" });
      await expect(mail().testOutgoingLogin(anonymous)).resolves.toEqual({ status: "ok", detail: `connected without login at 127.0.0.1:${rig().smtp.plain}` });
    });

    test("a wrong password is an OutgoingEmailError with Frappe's credentials message and the 535 kept", async () => {
      const wrong = "Not-The-Sales-Password-1";
      const err = await rejection(mail().testOutgoingLogin(smtpTest({ password: wrong })));
      expect(err).toBeInstanceOf(OutgoingEmailError);
      expect(err.title).toBe("Invalid Credentials");
      expect(err.message).toMatch(/^Please check your email login credentials\. Invalid login: 535 5\.7\.8 .* The server refused the login for sales@example\.test/);
      expect(err.responseCode).toBe(535);
      expect(err.command).toMatch(/^AUTH /);
      expect(err.message).not.toContain(wrong);
    });

    test("credentials on a port that offers no AUTH in clear text: the encryption advice, not a silent pass", async () => {
      const err = await rejection(mail().testOutgoingLogin(smtpTest({ port: rig().smtp.plain, tls: "none" })));
      expect(err).toBeInstanceOf(OutgoingEmailError);
      expect(err.title).toBe("Incorrect Configuration");
      expect(err.message).toMatch(/^Invalid Outgoing Mail Server or Port: /);
      expect(err.hint).toMatch(/offers no login on an unencrypted connection: enable SSL\/TLS \(Use SSL for Outgoing, port 465\) or STARTTLS \(Use TLS, port 587\)/);
    });

    test("a closed port is Frappe's 'Invalid Outgoing Mail Server or Port' with the connection advice", async () => {
      const [closed] = await freePorts(1);
      const err = await rejection(mail().testOutgoingLogin(smtpTest({ port: closed! })));
      expect(err).toBeInstanceOf(OutgoingEmailError);
      expect(err.message).toMatch(new RegExp(`^Invalid Outgoing Mail Server or Port: .*ECONNREFUSED.* Nothing accepts connections on 127\\.0\\.0\\.1:${closed}`));
    });

    test("the self-signed certificate without the CA on STARTTLS", async () => {
      const err = await rejection(createMailContext({ log, timeoutMs: 5000 }).testOutgoingLogin(smtpTest()));
      expect(err).toBeInstanceOf(OutgoingEmailError);
      expect(err.kind).toBe("certificate");
      expect(err.hint).toMatch(/self-signed/);
    });
  });

  describe("domain probe (D1)", () => {
    const probe = (incomingPort: number, outgoingPort: number, incomingTls: "ssl" | "none" = "ssl") => ({
      domain: "example.test",
      incoming: { protocol: "imap" as const, host: "127.0.0.1", port: incomingPort, tls: incomingTls },
      outgoing: { host: "127.0.0.1", port: outgoingPort, tls: "ssl" as const },
    });

    test("reaches both servers without logging in", async () => {
      await expect(mail().probeDomain(probe(rig().imap.tls, rig().smtp.smtps))).resolves.toMatchObject({ status: "ok" });
      await expect(mail().probeDomain(probe(rig().imap.loginDisabled, rig().smtp.smtps, "none"))).resolves.toMatchObject({ status: "ok" });
    });

    test("an unreachable incoming server: Error connecting via IMAP/POP3, with advice", async () => {
      const [closed] = await freePorts(1);
      const err = await rejection(mail().probeDomain(probe(closed!, rig().smtp.smtps)));
      expect(err).toBeInstanceOf(IncomingEmailError);
      expect(err.title).toBe("Incoming email account not correct");
      expect(err.message).toMatch(/^Error connecting via IMAP\/POP3: connect ECONNREFUSED .* Nothing accepts connections/);
    });

    test("an unreachable outgoing server: OutgoingEmailError 'Error connecting via SMTP'", async () => {
      const [closed] = await freePorts(1);
      const err = await rejection(mail().probeDomain(probe(rig().imap.tls, closed!)));
      expect(err).toBeInstanceOf(OutgoingEmailError);
      expect(err.title).toBe("Outgoing email account not correct");
      expect(err.message).toMatch(/^Error connecting via SMTP: connect ECONNREFUSED .* Nothing accepts connections .*SMTP uses 465/);
    });
  });
});
