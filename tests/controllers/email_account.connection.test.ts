import { AuthenticationError, ValidationError } from "../../src/errors";
import { account, imapAccount, openTestSite, rejection, type TestSite } from "./email_account.fixture";

const SECRET = "S3cr3t-Pa55w0rd";

/** An OAuth account's Connected App and user (both mandatory on this site when auth_method is OAuth). */
async function oauthFields(t: TestSite): Promise<Record<string, unknown>> {
  const { doc } = await t.site.insert({ doctype: "Connected App", provider_name: "Example IdP" });
  return { auth_method: "OAuth", connected_app: doc.name, connected_user: "Administrator" };
}

/** An outgoing-only account. */
function smtpAccount(fields: Record<string, unknown> = {}) {
  return account({ enable_outgoing: 1, smtp_server: "smtp.example.com", ...fields });
}

describe("Email Account connection tests", () => {
  let t: TestSite;
  beforeEach(() => (t = openTestSite()));
  afterEach(() => t.close());

  test("R6 OAuth: a new OAuth account is saved without a test; an existing one asks for authorisation (OAuth Error)", async () => {
    const oauth = imapAccount({ ...(await oauthFields(t)), use_imap: 0, imap_folder: [], email_server: "pop.example.com" });
    const { doc } = await t.site.insert(oauth);
    expect(t.mail.incoming).toEqual([]);
    const err = await rejection(t.site.save({ doctype: "Email Account", name: doc.name, unreplied_for_mins: 45 }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe("Please Authorize OAuth for Email Account Support");
    expect(err.title).toBe("OAuth Error");
    expect(t.mail.incoming).toEqual([]);
  });

  test("R7 STARTTLS stays on only for IMAP without SSL", async () => {
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ use_imap: 1, use_ssl: 0, use_starttls: 1 }, 1],
      [{ use_imap: 1, use_ssl: 1, use_starttls: 1 }, 0],
      [{ use_imap: 0, use_ssl: 0, use_starttls: 1 }, 0],
    ];
    for (const [index, [fields, expected]] of cases.entries()) {
      const { doc } = await t.site.insert(account({ email_id: `tls${index}@example.com`, awaiting_password: 1, ...fields }));
      expect([fields, doc.use_starttls]).toEqual([fields, expected]);
    }
  });

  test("R8 OAuth clears the password and awaiting_password", async () => {
    const { doc } = await t.site.insert(account({ ...(await oauthFields(t)), password: SECRET, awaiting_password: 1 }));
    expect(doc.awaiting_password).toBe(0);
    expect(doc.password ?? null).toBeNull();
    await expect(t.site.getPassword("Email Account", String(doc.name), "password")).rejects.toThrow(AuthenticationError);
  });

  test("R9 connection test gate: Password is required or select Awaiting Password, except outgoing-only without SMTP AUTH", async () => {
    for (const doc of [imapAccount(), smtpAccount()]) {
      const err = await rejection(t.site.insert(doc));
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.message).toBe("Password is required or select Awaiting Password");
    }
    const { doc } = await t.site.insert(smtpAccount({ no_smtp_authentication: 1 }));
    expect(doc.name).toBe("Support");
    expect(t.mail.incoming.length + t.mail.outgoing.length).toBe(0);
  });

  test("R9 an SMTP server on localhost is tested without a password; a missing stored password is Frappe's 'Password not found'", async () => {
    const err = await rejection(t.site.insert(smtpAccount({ smtp_server: "localhost" })));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.message).toBe("Password not found for Email Account Support password");
    await t.site.insert(smtpAccount({ smtp_server: "127.0.0.1", no_smtp_authentication: 1 }));
    expect(t.mail.outgoing).toEqual([{ account: "Support", host: "127.0.0.1", port: 25, tls: "none", verifyCertificate: true }]);
  });

  test("R10 incoming login test: host, default port written back, TLS mode, login user, password; no_failed reset", async () => {
    const { doc } = await t.site.insert(
      imapAccount({ use_ssl: 1, password: SECRET, login_id_is_different: 1, login_id: "support-login" }),
    );
    expect(t.mail.incoming).toEqual([
      {
        account: "Support",
        protocol: "imap",
        host: "imap.example.com",
        port: 993,
        tls: "ssl",
        verifyCertificate: true,
        user: "support-login",
        password: SECRET,
      },
    ]);
    expect(doc.incoming_port).toBe("993");

    // On a later save the row holds the mask: the stored secret is used, and no_failed goes back to 0.
    await t.site.setValue("Email Account", "Support", { no_failed: 3 }, { updateModified: false });
    t.mail.reset();
    const { doc: saved } = await t.site.save({ doctype: "Email Account", name: "Support", use_ssl: 0, use_starttls: 1, incoming_port: "" });
    expect(t.mail.incoming).toEqual([expect.objectContaining({ port: 143, tls: "starttls", password: SECRET })]);
    expect(saved.no_failed).toBe(0);
    expect(saved.incoming_port).toBe("143");
  });

  test("R10 POP3 default ports are 995 with SSL and 110 without; the login user is email_id by default", async () => {
    for (const [index, useSsl] of [1, 0].entries()) {
      const email = `pop${index}@example.com`;
      await t.site.insert(account({ email_id: email, enable_incoming: 1, email_server: "pop.example.com", use_ssl: useSsl, password: SECRET }));
    }
    expect(t.mail.incoming.map((test) => [test.protocol, test.port, test.tls, test.user])).toEqual([
      ["pop3", 995, "ssl", "pop0@example.com"],
      ["pop3", 110, "none", "pop1@example.com"],
    ]);
  });

  test("R10 Email Server is required for the incoming test", async () => {
    const err = await rejection(t.site.insert(imapAccount({ email_server: "", password: SECRET })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe("Email Server is required");
  });

  test("R10 a failed login fails the save and writes nothing", async () => {
    t.mail.incomingError = new ValidationError("Please check your email login credentials. imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] Authentication failed.'", {
      title: "Invalid Credentials",
    });
    const err = await rejection(t.site.insert(imapAccount({ password: SECRET })));
    expect(err.title).toBe("Invalid Credentials");
    expect(await t.site.exists("Email Account", "Support")).toBe(false);
  });

  test("R11 outgoing login test: smtp_port, else 465 with SSL, else 587 with TLS, else 25; user and password", async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ smtp_port: "2525", use_tls: 1 }, 2525, "starttls"],
      [{ use_ssl_for_outgoing: 1 }, 465, "ssl"],
      [{ use_tls: 1 }, 587, "starttls"],
      [{}, 25, "none"],
    ];
    for (const [index, [fields]] of cases.entries()) {
      await t.site.insert(smtpAccount({ email_id: `out${index}@example.com`, password: SECRET, ...fields }));
    }
    expect(t.mail.outgoing.map((test) => [test.port, test.tls])).toEqual(cases.map(([, port, tls]) => [port, tls]));
    expect(t.mail.outgoing[0]).toMatchObject({ host: "smtp.example.com", user: "out0@example.com", password: SECRET, verifyCertificate: true });
  });

  test("R11 SMTP Server is required for the outgoing test", async () => {
    const err = await rejection(t.site.insert(smtpAccount({ smtp_server: "", password: SECRET })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe("SMTP Server is required");
  });

  test("quirk H2 fixed: no_smtp_authentication sends no user or password even when one is stored", async () => {
    await t.site.insert(smtpAccount({ password: SECRET, no_smtp_authentication: 1 }));
    expect(t.mail.outgoing).toHaveLength(1);
    expect(t.mail.outgoing[0]).not.toHaveProperty("user");
    expect(t.mail.outgoing[0]).not.toHaveProperty("password");
  });

  test("deviation: certificates are verified for incoming and outgoing alike", async () => {
    await t.site.insert(imapAccount({ enable_outgoing: 1, smtp_server: "smtp.example.com", use_starttls: 1, use_tls: 1, password: SECRET }));
    expect(t.mail.incoming[0]?.verifyCertificate).toBe(true);
    expect(t.mail.outgoing[0]?.verifyCertificate).toBe(true);
  });

  test("R33 awaiting_password skips the connection tests and saves without a password", async () => {
    const { doc } = await t.site.insert(imapAccount({ enable_outgoing: 1, smtp_server: "smtp.example.com", awaiting_password: 1 }));
    expect(doc.awaiting_password).toBe(1);
    expect(t.mail.incoming.length + t.mail.outgoing.length).toBe(0);
  });

  test("noConnect skips live logins but keeps every rule that needs a password", async () => {
    const { doc } = await t.site.insert(imapAccount({ enable_outgoing: 1, smtp_server: "smtp.example.com", password: SECRET }), { noConnect: true });
    expect(doc.incoming_port).toBe("143");
    expect(t.mail.incoming.length + t.mail.outgoing.length).toBe(0);
    const missing = await rejection(t.site.insert(smtpAccount({ email_id: "x@example.com", smtp_server: "localhost" }), { noConnect: true }));
    expect(missing.message).toBe("Password not found for Email Account X password");
    const required = await rejection(t.site.insert(imapAccount({ email_id: "y@example.com" }), { noConnect: true }));
    expect(required.message).toBe("Password is required or select Awaiting Password");
  });

  test("a 'not-configured' answer is no error: one 'Connection test skipped' message per save and a warning without the secret", async () => {
    t.mail.answer = { status: "not-configured", reason: "no mail engine is attached" };
    const { messages } = await t.site.insert(imapAccount({ enable_outgoing: 1, smtp_server: "smtp.example.com", password: SECRET }));
    expect(messages).toEqual([
      {
        message: "The incoming and outgoing logins of Email Account <strong>Support</strong> were not tested: no mail engine is attached.",
        title: "Connection test skipped",
        indicator: "orange",
      },
    ]);
    const warnings = t.log.lines.filter((line) => line.level === "warn");
    expect(warnings.map((line) => [line.obj, line.msg])).toEqual([
      [{ account: "Support", direction: "incoming", reason: "no mail engine is attached" }, "connection test skipped"],
      [{ account: "Support", direction: "outgoing", reason: "no mail engine is attached" }, "connection test skipped"],
    ]);
    const single = await t.site.insert(smtpAccount({ email_id: "out@example.com", password: SECRET }));
    expect(single.messages.map((m) => m.message)).toEqual([
      "The outgoing login of Email Account <strong>Out</strong> was not tested: no mail engine is attached.",
    ]);
  });

  test("no password ever appears in an error message, a msgprint or a log line", async () => {
    const seen: string[] = [];
    t.mail.answer = { status: "not-configured", reason: "engine offline" };
    const first = await t.site.insert(imapAccount({ enable_outgoing: 1, smtp_server: "smtp.example.com", password: SECRET }));
    seen.push(JSON.stringify(first.messages));
    // A server that echoes the password back: the error keeps its class but loses the secret.
    t.mail.answer = { status: "ok" };
    t.mail.outgoingError = new ValidationError(`Invalid Outgoing Mail Server or Port: 535 bad credentials for ${SECRET}`);
    const err = await rejection(t.site.save({ doctype: "Email Account", name: "Support", password: SECRET }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain("Invalid Outgoing Mail Server or Port: 535 bad credentials for ");
    seen.push(err.message, String(err.stack));
    seen.push(JSON.stringify(t.log.lines));
    for (const text of seen) expect(text).not.toContain(SECRET);
  });
});
