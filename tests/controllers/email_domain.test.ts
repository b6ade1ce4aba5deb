import type { RunFlags } from "../../src/core/context";
import type { Doc } from "../../src/core/doc";
import { HookRegistry } from "../../src/core/hook-registry";
import type { Logger } from "../../src/core/logger";
import type { ConnectionTestResult, DomainProbe, IncomingLoginTest, MailContext, OutgoingLoginTest } from "../../src/core/mail-context";
import { EMAIL_DOMAIN_FIELDS, defaultIncomingPort } from "../../controllers/mail-settings";
import { AuthenticationError, OutgoingEmailError, ValidationError } from "../../src/errors";
import { openLocalSite } from "../../src/open-site";
import type { LocalSite } from "../../src/site/local-site";
import { tempDir } from "../helpers/temp-site";

/** A unit-level stand-in for the mail engine: records each domain probe and answers ok, a given answer, or throws. */
class ProbeRecorder implements MailContext {
  readonly probes: DomainProbe[] = [];
  answer: ConnectionTestResult = { status: "ok" };
  error?: unknown;

  async testIncomingLogin(_test: IncomingLoginTest): Promise<ConnectionTestResult> {
    return { status: "ok" };
  }
  async testOutgoingLogin(_test: OutgoingLoginTest): Promise<ConnectionTestResult> {
    return { status: "ok" };
  }
  async probeDomain(probe: DomainProbe): Promise<ConnectionTestResult> {
    this.probes.push(structuredClone(probe));
    if (this.error !== undefined) throw this.error;
    return this.answer;
  }
}

function warnings(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log: Logger & { lines: string[] } = {
    lines,
    debug: () => undefined,
    info: () => undefined,
    warn: (_obj, msg) => void lines.push(msg ?? ""),
    error: () => undefined,
    child: () => log,
  };
  return log;
}

const DOMAIN: Doc = {
  doctype: "Email Domain",
  domain_name: "example.test",
  email_server: "imap.example.test",
  use_imap: 1,
  smtp_server: "smtp.example.test",
};

function account(name: string, extra: Record<string, unknown> = {}): Doc {
  return { doctype: "Email Account", email_account_name: name, email_id: `${name.toLowerCase()}@example.test`, awaiting_password: 1, ...extra };
}

describe("Email Domain controller", () => {
  let tmp: ReturnType<typeof tempDir>;
  let mail: ProbeRecorder;
  let log: ReturnType<typeof warnings>;
  let site: LocalSite;
  /** Set by a test to make every Email Account save fail from a validate hook. */
  let failAccountSaves: Error | undefined;

  function open(flags?: RunFlags): LocalSite {
    const hooks = new HookRegistry();
    hooks.on("Email Account", "validate", () => {
      if (failAccountSaves) throw failAccountSaves;
    });
    return openLocalSite({ file: tmp.file, mail, log, hooks, ...(flags ? { flags } : {}) });
  }

  beforeEach(() => {
    tmp = tempDir();
    mail = new ProbeRecorder();
    log = warnings();
    failAccountSaves = undefined;
    site = open();
  });
  afterEach(async () => {
    await site.close();
    tmp.cleanup();
  });

  test("D1 incoming port defaults follow Frappe's table: IMAP+SSL 993, IMAP 143, POP3+SSL 995, POP3 110", () => {
    expect([defaultIncomingPort(true, true), defaultIncomingPort(true, false), defaultIncomingPort(false, true), defaultIncomingPort(false, false)]).toEqual([
      993, 143, 995, 110,
    ]);
  });

  test("D1 validate probes both servers without login and writes the default incoming port back", async () => {
    const { doc } = await site.insert({ ...DOMAIN, use_ssl: 1 });
    expect(mail.probes).toEqual([
      {
        domain: "example.test",
        incoming: { protocol: "imap", host: "imap.example.test", port: 993, tls: "ssl" },
        outgoing: { host: "smtp.example.test", port: 25, tls: "none" },
      },
    ]);
    expect(String(doc.incoming_port)).toBe("993");
    expect(mail.probes[0]).not.toHaveProperty("incoming.user");
  });

  test("D1 POP3 without SSL probes port 110", async () => {
    await site.insert({ ...DOMAIN, use_imap: 0 });
    expect(mail.probes[0]?.incoming).toEqual({ protocol: "pop3", host: "imap.example.test", port: 110, tls: "none" });
  });

  test("D1 outgoing port: 465 with SSL, 587 with TLS (both written back), else smtp_port", async () => {
    const ssl = await site.insert({ ...DOMAIN, domain_name: "ssl.test", use_ssl_for_outgoing: 1 });
    const tls = await site.insert({ ...DOMAIN, domain_name: "tls.test", use_tls: 1 });
    const plain = await site.insert({ ...DOMAIN, domain_name: "plain.test", smtp_port: "2525" });
    expect(mail.probes.map((p) => p.outgoing)).toEqual([
      { host: "smtp.example.test", port: 465, tls: "ssl" },
      // Frappe opens a plain SMTP session for use_tls and quits without STARTTLS.
      { host: "smtp.example.test", port: 587, tls: "none" },
      { host: "smtp.example.test", port: 2525, tls: "none" },
    ]);
    expect([ssl.doc.smtp_port, tls.doc.smtp_port, plain.doc.smtp_port].map(String)).toEqual(["465", "587", "2525"]);
  });

  test("D1 use_starttls is kept only with IMAP and without SSL (R7), and never makes the probe use STARTTLS", async () => {
    const imap = await site.insert({ ...DOMAIN, domain_name: "a.test", use_starttls: 1 });
    const imapSsl = await site.insert({ ...DOMAIN, domain_name: "b.test", use_starttls: 1, use_ssl: 1 });
    const pop = await site.insert({ ...DOMAIN, domain_name: "c.test", use_starttls: 1, use_imap: 0 });
    expect([imap.doc.use_starttls, imapSsl.doc.use_starttls, pop.doc.use_starttls]).toEqual([1, 0, 0]);
    expect(mail.probes[0]?.incoming.tls).toBe("none");
  });

  test("D1 an incoming failure is `Error connecting via IMAP/POP3: {e}` titled `Incoming email account not correct`", async () => {
    mail.error = new Error("[Errno 111] Connection refused");
    const attempt = site.insert({ ...DOMAIN });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      message: "Error connecting via IMAP/POP3: [Errno 111] Connection refused",
      excType: "ValidationError",
      title: "Incoming email account not correct",
    });
    expect(await site.exists("Email Domain", "example.test")).toBe(false);
  });

  test("D1 an outgoing failure is `Error connecting via SMTP: {e}` titled `Outgoing email account not correct`", async () => {
    mail.error = new OutgoingEmailError("Connection unexpectedly closed");
    const attempt = site.insert({ ...DOMAIN });
    await expect(attempt).rejects.toMatchObject({
      message: "Error connecting via SMTP: Connection unexpectedly closed",
      excType: "ValidationError",
      title: "Outgoing email account not correct",
    });
  });

  test("D1 an engine error already worded as an SMTP failure is kept as it is", async () => {
    mail.error = Object.assign(new Error("Error connecting via SMTP: timed out"), { side: "outgoing" });
    await expect(site.insert({ ...DOMAIN })).rejects.toMatchObject({
      message: "Error connecting via SMTP: timed out",
      title: "Outgoing email account not correct",
    });
  });

  test("D1 a not-configured mail engine is no error: the domain saves with a `Connection test skipped` message and a warning", async () => {
    mail.answer = { status: "not-configured", reason: "no engine" };
    const { messages } = await site.insert({ ...DOMAIN });
    expect(messages.map((m) => m.message)).toEqual(["Connection test skipped"]);
    expect(log.lines).toContain("Connection test skipped");
  });

  test("D1 flags.noConnect skips the probe but still writes the port defaults", async () => {
    await site.close();
    site = open({ noConnect: true });
    const { doc } = await site.insert({ ...DOMAIN });
    expect(mail.probes).toEqual([]);
    expect(String(doc.incoming_port)).toBe("143");
  });

  test("D1 is skipped entirely while the site is installed (flags.inInstall)", async () => {
    await site.close();
    site = open({ inInstall: true });
    const { doc } = await site.insert({ ...DOMAIN, use_starttls: 1, use_ssl: 1 });
    expect(mail.probes).toEqual([]);
    expect(doc.incoming_port ?? null).toBeNull();
  });

  test("D3 saving a domain copies its settings onto linked accounts", async () => {
    await site.insert({ ...DOMAIN });
    await site.insert(account("Sales", { domain: "example.test" }));
    // Another address host, so the account does not pick the domain up from its address.
    await site.insert(account("Other", { email_id: "other@elsewhere.test" }));
    await site.save({
      doctype: "Email Domain",
      name: "example.test",
      email_server: "mail.example.test",
      use_ssl: 1,
      incoming_port: "",
      attachment_limit: 5,
      smtp_port: "2525",
      use_ssl_for_outgoing: 1,
      append_emails_to_sent_folder: 1,
    });
    const sales = await site.get("Email Account", "Sales");
    const domain = await site.get("Email Domain", "example.test");
    for (const field of EMAIL_DOMAIN_FIELDS) expect([field, String(sales[field] ?? "")]).toEqual([field, String(domain[field] ?? "")]);
    expect(sales).toMatchObject({ email_server: "mail.example.test", use_ssl: 1, attachment_limit: 5, use_ssl_for_outgoing: 1, append_emails_to_sent_folder: 1 });
    expect(String(sales.incoming_port)).toBe("993");
    const other = await site.get("Email Account", "Other");
    expect(other.email_server ?? null).not.toBe("mail.example.test");
  });

  test("D3 an account whose copied values already match is not saved again", async () => {
    await site.insert({ ...DOMAIN });
    await site.insert(account("Sales", { domain: "example.test" }));
    await site.save({ doctype: "Email Domain", name: "example.test" }); // lines the account up with the domain
    const before = await site.get("Email Account", "Sales");
    await site.save({ doctype: "Email Domain", name: "example.test", domain_name: "example.test" });
    expect((await site.get("Email Account", "Sales")).modified).toBe(before.modified);
  });

  test("D3 a changed sent_folder_name re-saves the account so it fetches the new name", async () => {
    await site.insert({ ...DOMAIN });
    await site.insert(account("Sales", { domain: "example.test" }));
    await site.save({ doctype: "Email Domain", name: "example.test", sent_folder_name: "INBOX.Sent" });
    expect((await site.get("Email Account", "Sales")).sent_folder_name).toBe("INBOX.Sent");
  });

  test("D3 a failing account save is `Error has occurred in {account}` with the same error class, and nothing is saved", async () => {
    await site.insert({ ...DOMAIN });
    await site.insert(account("Sales", { domain: "example.test" }));
    failAccountSaves = new AuthenticationError("Invalid Credentials");
    const attempt = site.save({ doctype: "Email Domain", name: "example.test", email_server: "broken.example.test" });
    await expect(attempt).rejects.toBeInstanceOf(AuthenticationError);
    await expect(attempt).rejects.toMatchObject({ message: "Error has occurred in Sales: Invalid Credentials", excType: "AuthenticationError" });
    expect((await site.get("Email Domain", "example.test")).email_server).toBe("imap.example.test");
  });

  test("D3 a failure that is not a Frappe error is reported as a ValidationError", async () => {
    await site.insert({ ...DOMAIN });
    await site.insert(account("Sales", { domain: "example.test" }));
    failAccountSaves = new TypeError("boom");
    const attempt = site.save({ doctype: "Email Domain", name: "example.test", use_ssl: 1 });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ message: "Error has occurred in Sales: boom" });
  });
});
