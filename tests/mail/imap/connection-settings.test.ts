import tls from "node:tls";
import { imapClientOptions, imapLoginUser, imapServerSettings } from "../../../src/mail/imap/connection-settings";

const account = { doctype: "Email Account", name: "Support", email_id: "support@example.test", email_server: "imap.example.test" };

describe("imapLoginUser (R10)", () => {
  test("the address, or the alternative login id when the account says it differs", () => {
    expect(imapLoginUser(account)).toBe("support@example.test");
    expect(imapLoginUser({ ...account, login_id_is_different: 1, login_id: "helpdesk" })).toBe("helpdesk");
    expect(imapLoginUser({ ...account, login_id_is_different: 0, login_id: "helpdesk" })).toBe("support@example.test");
  });
});

describe("imapServerSettings", () => {
  test("SSL: implicit TLS on 993 unless a port is given", () => {
    expect(imapServerSettings({ ...account, use_ssl: 1 })).toMatchObject({ port: 993, secure: true, starttls: false });
    expect(imapServerSettings({ ...account, use_ssl: 1, incoming_port: "11993" })).toMatchObject({ port: 11993, secure: true });
  });

  test("STARTTLS only when asked; plain 143 otherwise; SSL wins over STARTTLS", () => {
    expect(imapServerSettings({ ...account, use_starttls: 1 })).toMatchObject({ port: 143, secure: false, starttls: true });
    expect(imapServerSettings(account)).toMatchObject({ port: 143, secure: false, starttls: false });
    expect(imapServerSettings({ ...account, use_ssl: 1, use_starttls: 1 })).toMatchObject({ secure: true, starttls: false });
  });
});

describe("imapClientOptions", () => {
  test("without STARTTLS asked, imapflow is told not to upgrade on its own", () => {
    expect(imapClientOptions(imapServerSettings(account), "pw").doSTARTTLS).toBe(false);
    expect(imapClientOptions(imapServerSettings({ ...account, use_starttls: 1 }), "pw").doSTARTTLS).toBe(true);
  });

  test("certificates are verified; an extra CA is added to the system roots, not used alone", () => {
    const options = imapClientOptions(imapServerSettings(account), "pw", { ca: "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n" });
    expect(options.tls?.rejectUnauthorized).toBe(true);
    const ca = options.tls?.ca as string[];
    expect(ca).toHaveLength(tls.rootCertificates.length + 1);
    expect(ca[ca.length - 1]).toContain("BEGIN CERTIFICATE");
    expect(options.tls?.servername).toBe("imap.example.test");
  });

  test("an IP address gets no SNI server name", () => {
    expect(imapClientOptions(imapServerSettings({ ...account, email_server: "127.0.0.1" }), "pw").tls?.servername).toBeUndefined();
  });
});
