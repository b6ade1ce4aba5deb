import { settingsFingerprint, smtpPort, smtpSettings } from "../../../src/mail/outbound/smtp-settings";
import { AuthenticationError, ValidationError } from "../../../src/errors";
import { type OutboundSite, insertAll, openOutboundSite, outgoingAccount } from "./outbound-site";

describe("smtpSettings (R11 as applied here)", () => {
  let t: OutboundSite;
  beforeEach(() => {
    t = openOutboundSite();
  });
  afterEach(() => t.close());

  it("port: smtp_port, else 465 for SSL, 587 for STARTTLS, else 25", () => {
    expect(smtpPort({ doctype: "Email Account", smtp_port: "2525", use_tls: 1 })).toBe(2525);
    expect(smtpPort({ doctype: "Email Account", use_ssl_for_outgoing: 1, use_tls: 1 })).toBe(465);
    expect(smtpPort({ doctype: "Email Account", use_tls: 1 })).toBe(587);
    expect(smtpPort({ doctype: "Email Account" })).toBe(25);
  });

  it("logs in with login_id or email_id and the stored password; SSL wins over STARTTLS", async () => {
    const [account] = await insertAll(t.site, [outgoingAccount("Support", "support@example.test", { use_ssl_for_outgoing: 1, login_id_is_different: 1, login_id: "svc-support" })]);
    const settings = await smtpSettings(t.site, account!);
    expect(settings).toEqual({ account: "Support", host: "smtp.example.test", port: 587, tls: "ssl", auth: { user: "svc-support", pass: "account-secret" } });
  });

  it("no_smtp_authentication: no AUTH even with a password stored (quirk H2 fixed)", async () => {
    const [account] = await insertAll(t.site, [outgoingAccount("Support", "support@example.test", { no_smtp_authentication: 1 })]);
    expect((await smtpSettings(t.site, account!)).auth).toBeUndefined();
  });

  it("refuses an account without a server or without a stored password", async () => {
    await expect(smtpSettings(t.site, { doctype: "Email Account", name: "X" })).rejects.toThrow(new ValidationError("SMTP Server is required"));
    await expect(smtpSettings(t.site, { doctype: "Email Account", name: "X", smtp_server: "smtp.example.test" })).rejects.toThrow(AuthenticationError);
  });

  it("the fingerprint changes with the password but does not contain it", () => {
    const base = { account: "S", host: "h", port: 587, tls: "starttls" as const, auth: { user: "u", pass: "one" } };
    const first = settingsFingerprint(base);
    expect(first).not.toContain("one");
    expect(settingsFingerprint({ ...base, auth: { user: "u", pass: "two" } })).not.toBe(first);
    expect(settingsFingerprint({ ...base })).toBe(first);
  });
});
