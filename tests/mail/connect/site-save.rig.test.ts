import { IncomingEmailError, OutgoingEmailError } from "../../../src/errors";
import { createMailContext } from "../../../src/mail/connect";
import { openLocalSite } from "../../../src/open-site";
import type { LocalSite } from "../../../src/site/local-site";
import { capturingLogger } from "../../controllers/email_account.fixture";
import { tempDir } from "../../helpers/temp-site";
import { rig } from "../../rig";

/**
 * The controllers' connection tests on a site wired with the real mail context: saving an Email
 * Domain probes its servers (D1), saving an Email Account logs in (R10/R11), and a refusal comes
 * back as the save's error with our advice.
 */

const ENCRYPTION = "The server refuses passwords without encryption: enable SSL/TLS (port 993) or STARTTLS on the Email Domain.";

describe("saving records on a site wired to the rig", () => {
  let site: LocalSite;
  let cleanup: () => void;
  const log = capturingLogger();

  beforeEach(() => {
    const temp = tempDir("fea-connect-save-");
    cleanup = temp.cleanup;
    site = openLocalSite({ file: temp.file, log, mail: createMailContext({ log, tls: { ca: rig().ca }, timeoutMs: 5000 }) });
  });
  afterEach(async () => {
    await site.close();
    cleanup();
  });
  afterAll(() => {
    const text = JSON.stringify(log.lines);
    for (const user of Object.values(rig().users)) expect(text).not.toContain(user.password);
  });

  /** A domain whose IMAP server is the given rig port in clear text, SMTP the submission port. */
  async function domain(imapPort: number, fields: Record<string, unknown> = {}): Promise<void> {
    await site.insert({
      doctype: "Email Domain",
      domain_name: "example.test",
      email_server: rig().host,
      use_imap: 1,
      use_ssl: 0,
      incoming_port: String(imapPort),
      smtp_server: rig().host,
      smtp_port: String(rig().smtp.submission),
      use_tls: 1,
      ...fields,
    });
  }

  function infoAccount(fields: Record<string, unknown> = {}) {
    return {
      doctype: "Email Account",
      email_id: rig().users.info.email,
      domain: "example.test",
      enable_incoming: 1,
      imap_folder: [{ folder_name: "INBOX" }],
      ...fields,
    };
  }

  test.each([
    ["LOGINDISABLED", () => rig().imap.loginDisabled, "Login is disabled."],
    ["[PRIVACYREQUIRED]", () => rig().imap.privacyRequired, "[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."],
  ])("a server refusing plaintext logins (%s): saving the password fails with the encryption advice", async (_variant, port, serverText) => {
    // D1 reaches the listener without logging in, so the domain saves.
    await domain(port());
    const { doc } = await site.insert(infoAccount({ awaiting_password: 1, incoming_port: String(port()) }));
    const err = await site.save({ doctype: "Email Account", name: doc.name, password: rig().users.info.password, awaiting_password: 0 }).then(
      () => undefined,
      (e: unknown) => e as IncomingEmailError & { hint?: string },
    );
    expect(err).toBeInstanceOf(IncomingEmailError);
    expect(err?.message).toBe(`${serverText} ${ENCRYPTION}`);
    expect(err?.hint).toBe(ENCRYPTION);
    // Nothing was stored: the account still awaits its password.
    expect(await site.get("Email Account", String(doc.name))).toMatchObject({ awaiting_password: 1 });
  });

  test("with STARTTLS on the same listener the account saves (and the outgoing login over submission passes)", async () => {
    await domain(rig().imap.loginDisabled, { use_starttls: 1 });
    const { doc } = await site.insert(
      infoAccount({ incoming_port: String(rig().imap.loginDisabled), password: rig().users.info.password, enable_outgoing: 1 }),
    );
    expect(doc).toMatchObject({ name: "Info", use_starttls: 1, no_failed: 0 });
  });

  test("an outgoing login refused by the SMTP server fails the save with an OutgoingEmailError", async () => {
    await domain(rig().imap.tls, { use_ssl: 1 });
    const err = await site
      .insert({ doctype: "Email Account", email_id: rig().users.sales.email, domain: "example.test", enable_outgoing: 1, password: "not-the-password" })
      .then(
        () => undefined,
        (e: unknown) => e as OutgoingEmailError & { hint?: string },
      );
    expect(err).toBeInstanceOf(OutgoingEmailError);
    expect(err?.title).toBe("Invalid Credentials");
    expect(err?.message).toMatch(/^Please check your email login credentials\. .*535/);
  });

  test("an Email Domain whose IMAP port is closed is refused by D1 with the connection advice", async () => {
    const err = await site
      .insert({ doctype: "Email Domain", domain_name: "example.test", email_server: rig().host, use_imap: 1, incoming_port: "1", smtp_server: rig().host, smtp_port: String(rig().smtp.plain) })
      .then(
        () => undefined,
        (e: unknown) => e as Error & { title?: string },
      );
    expect(err?.title).toBe("Incoming email account not correct");
    expect(err?.message).toMatch(/^Error connecting via IMAP\/POP3: connect ECONNREFUSED 127\.0\.0\.1:1\. Nothing accepts connections on 127\.0\.0\.1:1/);
  });
});
