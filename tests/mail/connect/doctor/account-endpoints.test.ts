import { accountEndpoints } from "../../../../src/mail/connect/doctor/account-endpoints";

/** The doctor reads an account's servers as its login tests (R10/R11) do. */

describe("accountEndpoints", () => {
  test("IMAP: default ports by TLS, STARTTLS only without SSL, login id before the address", () => {
    const base = { doctype: "Email Account", email_id: "support@example.com", enable_incoming: 1, use_imap: 1, email_server: "imap.example.com" };
    expect(accountEndpoints({ ...base, use_ssl: 1 }).incoming).toEqual({ service: "imap", host: "imap.example.com", port: 993, tls: "ssl", user: "support@example.com" });
    expect(accountEndpoints({ ...base, use_starttls: 1 }).incoming).toMatchObject({ port: 143, tls: "starttls" });
    expect(accountEndpoints({ ...base, use_ssl: 1, use_starttls: 1, incoming_port: "10993", login_id: "support" }).incoming).toMatchObject({ port: 10993, tls: "ssl", user: "support" });
    expect(accountEndpoints({ ...base }).incoming).toMatchObject({ port: 143, tls: "none" });
  });

  test("POP3: ports 995 / 110, never STARTTLS, no folders", () => {
    const pop = { doctype: "Email Account", email_id: "a@example.com", enable_incoming: 1, use_imap: 0, email_server: "pop.example.com", use_starttls: 1, imap_folder: [{ folder_name: "INBOX" }] };
    expect(accountEndpoints({ ...pop, use_ssl: 1 })).toEqual({ incoming: { service: "pop3", host: "pop.example.com", port: 995, tls: "ssl", user: "a@example.com" }, folders: [] });
    expect(accountEndpoints(pop).incoming).toMatchObject({ port: 110, tls: "none" });
  });

  test("SMTP: 465 with SSL (which wins over STARTTLS), 587 with STARTTLS, else 25; smtp_port when given", () => {
    const base = { doctype: "Email Account", email_id: "a@example.com", enable_outgoing: 1, smtp_server: "smtp.example.com" };
    expect(accountEndpoints({ ...base, use_ssl_for_outgoing: 1, use_tls: 1 }).outgoing).toEqual({ service: "smtp", host: "smtp.example.com", port: 465, tls: "ssl", user: "a@example.com" });
    expect(accountEndpoints({ ...base, use_tls: 1 }).outgoing).toMatchObject({ port: 587, tls: "starttls" });
    expect(accountEndpoints(base).outgoing).toMatchObject({ port: 25, tls: "none" });
    expect(accountEndpoints({ ...base, smtp_port: "2525" }).outgoing).toMatchObject({ port: 2525 });
    expect(accountEndpoints(base).incoming).toBeUndefined();
  });

  test("folders: every named IMAP Folder row (with its stored UIDVALIDITY), and the Sent folder when sent mail is appended", () => {
    const doc = {
      doctype: "Email Account",
      email_id: "a@example.com",
      enable_incoming: 1,
      enable_outgoing: 1,
      use_imap: 1,
      append_emails_to_sent_folder: 1,
      imap_folder: [{ folder_name: "INBOX", uidvalidity: "42" }, { folder_name: "" }, { folder_name: "Tickets" }],
    };
    expect(accountEndpoints(doc).folders).toEqual([
      { name: "INBOX", role: "folder", uidvalidity: "42" },
      { name: "Tickets", role: "folder" },
      { name: "Sent", role: "sent" },
    ]);
    expect(accountEndpoints({ ...doc, sent_folder_name: "INBOX.Sent" }).folders.at(-1)).toEqual({ name: "INBOX.Sent", role: "sent" });
    expect(accountEndpoints({ ...doc, enable_outgoing: 0 }).folders.map((f) => f.name)).toEqual(["INBOX", "Tickets"]);
  });
});
