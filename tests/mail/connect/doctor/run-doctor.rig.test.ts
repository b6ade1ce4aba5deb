import { DoesNotExistError } from "../../../../src/errors";
import { type AccountReport, type CheckResult, runDoctor } from "../../../../src/mail/connect";
import { openLocalSite } from "../../../../src/open-site";
import type { LocalSite } from "../../../../src/site/local-site";
import { tempDir } from "../../../helpers/temp-site";
import { appendMessage, folderStatus, rig } from "../../../rig";
import { freePorts } from "../../../rig/ports";

/** The doctor against the rig: every check of an account, and the advice it gives when one fails. */

const ENCRYPTION = "The server refuses passwords without encryption: enable SSL/TLS (port 993) or STARTTLS on the Email Domain.";

function check(report: AccountReport | undefined, id: string): CheckResult {
  const found = report?.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${JSON.stringify(report)}`);
  return found;
}

describe("runDoctor against the rig", () => {
  let site: LocalSite;
  let cleanup: () => void;
  const trust = () => ({ ca: rig().ca });

  beforeEach(async () => {
    const temp = tempDir("fea-doctor-");
    cleanup = temp.cleanup;
    site = openLocalSite({ file: temp.file });
    const { host, imap, smtp } = rig();
    // Records are stored without live tests: the doctor is what tests them here.
    await site.insert(
      { doctype: "Email Domain", domain_name: "example.test", email_server: host, use_imap: 1, use_ssl: 1, incoming_port: String(imap.tls), smtp_server: host, smtp_port: String(smtp.submission), use_tls: 1 },
      { noConnect: true },
    );
  });
  afterEach(async () => {
    await site.close();
    cleanup();
  });

  /** An account of a rig user on the domain above; `fields` override anything (ports, TLS flags, password). */
  async function account(user: "info" | "support" | "sales" | "lead", fields: Record<string, unknown>): Promise<string> {
    const { doc } = await site.insert(
      { doctype: "Email Account", email_id: rig().users[user].email, domain: "example.test", incoming_port: String(rig().imap.tls), password: rig().users[user].password, ...fields },
      { noConnect: true },
    );
    // Fields fetched from the domain on insert are set again here when a test wants other values.
    const overrides = Object.fromEntries(Object.entries(fields).filter(([key]) => ["use_ssl", "use_starttls", "use_tls", "smtp_port"].includes(key)));
    if (Object.keys(overrides).length > 0) await site.setValue("Email Account", String(doc.name), overrides);
    return String(doc.name);
  }

  test("a healthy account: DNS, TCP, TLS with the certificate described, login, folders with their counts, Sent folder, EHLO, AUTH", async () => {
    await appendMessage("info", "INBOX", "Subject: doctor\r\nMessage-ID: <doctor-1@example.test>\r\n\r\nhello\r\n");
    const inbox = await folderStatus("info", "INBOX");
    const name = await account("info", { enable_incoming: 1, enable_outgoing: 1, append_emails_to_sent_folder: 1, imap_folder: [{ folder_name: "INBOX" }] });
    const [report] = await runDoctor(site, { trust: trust(), timeoutMs: 3000 });
    expect(report?.account).toBe(name);
    expect(report?.ok).toBe(true);
    expect(report?.checks.map((c) => c.id)).toEqual([
      "incoming.dns", "incoming.tcp", "incoming.tls", "incoming.login", "incoming.folder:INBOX", "incoming.sent-folder",
      "outgoing.dns", "outgoing.tcp", "outgoing.tls", "outgoing.ehlo", "outgoing.auth",
    ]);
    expect(check(report, "incoming.tcp").status).toBe("ok");
    // The rig's certificate is valid for two days, so the doctor warns that it expires soon.
    expect(check(report, "incoming.tls")).toMatchObject({ status: "warn", detail: expect.stringMatching(/^TLSv1\.[23] \(implicit TLS\); certificate localhost issued by localhost, self-signed, valid until \d{4}-\d\d-\d\d; expires in [01] day/) });
    expect(check(report, "incoming.login")).toMatchObject({ status: "ok", detail: `logged in to 127.0.0.1:${rig().imap.tls} (IMAP)` });
    expect(check(report, "incoming.folder:INBOX")).toMatchObject({ status: "ok", detail: `${inbox.messages} message(s), UIDVALIDITY ${inbox.uidValidity}, UIDNEXT ${inbox.uidNext}` });
    expect(check(report, "incoming.sent-folder")).toMatchObject({ status: "ok", title: "Sent folder Sent" });
    expect(check(report, "outgoing.tls").detail).toMatch(/after STARTTLS/);
    expect(check(report, "outgoing.ehlo").detail).toMatch(/AUTH PLAIN LOGIN/);
    expect(check(report, "outgoing.auth")).toMatchObject({ status: "ok", title: "AUTH as info@example.test" });
  });

  test("a missing IMAP folder fails with how to fix it; the others still pass", async () => {
    await account("info", { enable_incoming: 1, imap_folder: [{ folder_name: "INBOX" }, { folder_name: "Tickets" }] });
    const [report] = await runDoctor(site, { trust: trust(), timeoutMs: 3000 });
    expect(report?.ok).toBe(false);
    expect(check(report, "incoming.folder:INBOX").status).toBe("ok");
    expect(check(report, "incoming.folder:Tickets")).toEqual({
      id: "incoming.folder:Tickets",
      title: "folder Tickets",
      status: "fail",
      detail: expect.stringMatching(/^no folder "Tickets" on the server \(it has: .*INBOX.*Sent/),
      fix: `Create "Tickets" on the server, or correct the folder name in the account's IMAP Folder table (names are case-sensitive, except INBOX).`,
    });
  });

  test("a stored UIDVALIDITY the server no longer has is a warning", async () => {
    const name = await account("info", { enable_incoming: 1, imap_folder: [{ folder_name: "INBOX" }] });
    const row = (await site.get("Email Account", name)).imap_folder as Array<{ name: string }>;
    await site.setValue("IMAP Folder", row[0]!.name, { uidvalidity: "12345" }, { updateModified: false });
    const [report] = await runDoctor(site, { trust: trust(), timeoutMs: 3000 });
    expect(check(report, "incoming.folder:INBOX")).toMatchObject({ status: "warn", detail: expect.stringMatching(/the stored UIDVALIDITY is 12345$/) });
  });

  test.each([
    ["LOGINDISABLED", () => rig().imap.loginDisabled, "Login is disabled"],
    ["[PRIVACYREQUIRED]", () => rig().imap.privacyRequired, "[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."],
  ])("plaintext refused (%s): TLS warns, the login fails with the encryption advice", async (_variant, port, serverText) => {
    await account("support", { enable_incoming: 1, use_ssl: 0, incoming_port: String(port()), imap_folder: [{ folder_name: "INBOX" }] });
    const [report] = await runDoctor(site, { trust: trust(), timeoutMs: 3000 });
    expect(check(report, "incoming.tls")).toMatchObject({ status: "warn", detail: "no encryption is configured: the password and the mail cross the network unencrypted" });
    expect(check(report, "incoming.login")).toEqual({ id: "incoming.login", title: "login as support@example.test", status: "fail", detail: serverText, fix: ENCRYPTION });
    expect(check(report, "incoming.folder:INBOX")).toMatchObject({ status: "skipped", detail: "not run: the login failed" });
    expect(report?.ok).toBe(false);
  });

  test("STARTTLS on the plaintext-refusing listener passes", async () => {
    await account("support", { enable_incoming: 1, use_ssl: 0, use_starttls: 1, incoming_port: String(rig().imap.loginDisabled), imap_folder: [{ folder_name: "INBOX" }] });
    const [report] = await runDoctor(site, { trust: trust(), timeoutMs: 3000 });
    expect(check(report, "incoming.tls").detail).toMatch(/after STARTTLS/);
    expect(report?.ok).toBe(true);
  });

  test("the self-signed certificate without its CA: the TLS check fails with the certificate advice and no password is sent", async () => {
    await account("info", { enable_incoming: 1, imap_folder: [{ folder_name: "INBOX" }] });
    const [report] = await runDoctor(site, { timeoutMs: 3000 });
    expect(check(report, "incoming.tls")).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/self-signed, valid until .*; not trusted: DEPTH_ZERO_SELF_SIGNED_CERT$/),
      fix: expect.stringMatching(/^The certificate of 127\.0\.0\.1 is self-signed, .*NODE_EXTRA_CA_CERTS\.$/),
    });
    expect(check(report, "incoming.login")).toMatchObject({ status: "skipped", detail: "not run: the server could not be reached safely" });
  });

  test("a closed port fails at TCP with the connection advice; later checks are not run", async () => {
    const [closed] = await freePorts(1);
    await account("info", { enable_incoming: 1, incoming_port: String(closed), imap_folder: [{ folder_name: "INBOX" }] });
    const [report] = await runDoctor(site, { trust: trust(), timeoutMs: 3000 });
    expect(check(report, "incoming.dns").status).toBe("ok");
    expect(check(report, "incoming.tcp")).toMatchObject({ status: "fail", detail: `connect ECONNREFUSED 127.0.0.1:${closed}`, fix: expect.stringMatching(/^Nothing accepts connections on 127\.0\.0\.1:\d+: check the server name and port/) });
    expect(report?.checks.map((c) => c.id)).toEqual(["incoming.dns", "incoming.tcp", "incoming.login", "incoming.folder:INBOX"]);
    expect(check(report, "incoming.login").status).toBe("skipped");
  });

  test("SMTP: a wrong password fails AUTH with the credentials advice; no_smtp_authentication and awaiting_password skip it with a note", async () => {
    const wrong = "Sales-Wrong-Password-7";
    await account("sales", { enable_outgoing: 1, password: wrong });
    await account("lead", { enable_outgoing: 1, password: undefined, awaiting_password: 1 });
    await account("support", { enable_outgoing: 1, password: undefined, no_smtp_authentication: 1, smtp_port: String(rig().smtp.plain), use_tls: 0 });
    const reports = await runDoctor(site, { trust: trust(), timeoutMs: 3000 });
    expect(reports.map((r) => [r.account, r.ok])).toEqual([["Lead", true], ["Sales", false], ["Support", true]]);
    const [lead, sales, support] = reports;
    expect(check(sales, "outgoing.auth")).toMatchObject({ status: "fail", detail: expect.stringMatching(/^Invalid login: 535 5\.7\.8/), fix: expect.stringMatching(/app password/) });
    expect(check(lead, "outgoing.auth")).toMatchObject({ status: "skipped", detail: 'the account awaits its password (frappe-email-account set-password "Lead")' });
    expect(check(support, "outgoing.auth")).toMatchObject({ status: "skipped", detail: "Disable SMTP server authentication is on: mail is sent without a login" });
    expect(check(support, "outgoing.tls")).toMatchObject({ status: "warn", detail: "no encryption is configured: mail crosses the network unencrypted" });
    expect(JSON.stringify(reports)).not.toContain(wrong);
    for (const user of Object.values(rig().users)) expect(JSON.stringify(reports)).not.toContain(user.password);
  });

  test("one named account only; an unknown name is DoesNotExistError", async () => {
    await account("info", { enable_incoming: 1, imap_folder: [{ folder_name: "INBOX" }] });
    await account("sales", { enable_outgoing: 1 });
    const reports = await runDoctor(site, { account: "Sales", trust: trust(), timeoutMs: 3000 });
    expect(reports.map((r) => r.account)).toEqual(["Sales"]);
    await expect(runDoctor(site, { account: "Nobody" })).rejects.toThrow(DoesNotExistError);
  });
});
