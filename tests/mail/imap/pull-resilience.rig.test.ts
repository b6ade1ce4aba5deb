import { ImapConnections, pullAccount } from "../../../src/mail/imap";
import { doveadm, resetMailbox, rig, seedMaildir } from "../../rig";
import { plainMail, plainMails, PullSite, SITE_HOST } from "./pull-rig-fixture";

// Real servers, real mail: more than jest's default 5 s per test.
jest.setTimeout(60_000);

/** A mail of about `megabytes` MB: a short text part and a base64 attachment. */
function largeMail(id: string, megabytes: number): Buffer {
  const attachment = Buffer.alloc(Math.floor((megabytes * 1024 * 1024 * 3) / 4), 7).toString("base64").replace(/.{76}/g, "$&\r\n");
  const head = [
    "From: Customer <customer@outside.test>",
    "To: bench@example.test",
    "Subject: A large mail",
    `Message-ID: <${id}@outside.test>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "The scan is attached.",
    "--b1",
    'Content-Type: application/octet-stream; name="scan.bin"',
    'Content-Disposition: attachment; filename="scan.bin"',
    "Content-Transfer-Encoding: base64",
    "",
    "",
  ].join("\r\n");
  return Buffer.concat([Buffer.from(head), Buffer.from(attachment), Buffer.from("\r\n--b1--\r\n")]);
}

describe("pullAccount: connections, drops, large mails (rig)", () => {
  let ps: PullSite;
  beforeEach(async () => {
    await resetMailbox("bench");
    ps = new PullSite();
  });
  afterEach(() => ps.close());

  test("the connection dropped by the server mid-pull: the pull reconnects and goes on; with the next run nothing is lost or stored twice", async () => {
    await seedMaildir("bench", "INBOX", plainMails("drop", 300));
    const account = await ps.addAccount("bench", { initialSyncCount: 500 });
    const connections = ps.connections();
    let kicked: Promise<string> | undefined;
    try {
      await pullAccount(ps.site, account, {
        connections,
        log: ps.log,
        siteHost: SITE_HOST,
        onProgress: ({ done }) => {
          if (done === 40 && !kicked) kicked = doveadm(["kick", rig().users.bench.email]);
        },
      });
      expect(await kicked).toContain("kicked");
      expect(connections.connects).toBeGreaterThanOrEqual(2);
      expect(ps.log.lines.some((line) => line.msg === "connection lost during the pull; reconnecting to go on from the cursor")).toBe(true);
      await pullAccount(ps.site, account, { connections, log: ps.log, siteHost: SITE_HOST });
    } finally {
      await connections.close();
    }
    const ids = (await ps.communications(account)).map((c) => String(c.message_id));
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  }, 120_000);

  test("a 20 MB mail is streamed with download(), never fetched whole, and stored between its neighbours", async () => {
    await seedMaildir("bench", "INBOX", [plainMail("small-before"), largeMail("large-1", 20), plainMail("small-after")]);
    const account = await ps.addAccount("bench");
    const connections = ps.connections();
    try {
      const report = await pullAccount(ps.site, account, { connections, log: ps.log, siteHost: SITE_HOST });
      expect(report.folders[0]).toMatchObject({ fetched: 3, created: 3, streamed: 1, errors: [] });
    } finally {
      await connections.close();
    }
    const streamed = ps.log.lines.filter((line) => line.msg === "streaming a large message with download()");
    expect(streamed).toHaveLength(1);
    expect((streamed[0]?.obj as { size: number }).size).toBeGreaterThan(20 * 1024 * 1024);
    expect((await ps.communications(account)).map((c) => c.message_id)).toEqual(["small-before@outside.test", "large-1@outside.test", "small-after@outside.test"]);
  }, 120_000);

  test("one connection per account is reused across folders and runs", async () => {
    await seedMaildir("bench", "INBOX", plainMails("reuse-inbox", 2));
    await seedMaildir("bench", "Archive", plainMails("reuse-archive", 2));
    const account = await ps.addAccount("bench", { folders: [{ folder_name: "INBOX" }, { folder_name: "Archive" }] });
    const connections = ps.connections();
    try {
      await pullAccount(ps.site, account, { connections, log: ps.log, siteHost: SITE_HOST });
      await pullAccount(ps.site, account, { connections, log: ps.log, siteHost: SITE_HOST });
      expect(connections.connects).toBe(1);
    } finally {
      await connections.close();
    }
    expect(await ps.site.count("Communication", { email_account: account })).toBe(4);
  });

  test("STARTTLS only when the account asks for it; the certificate is checked against the given CA", async () => {
    const plain = await ps.addAccount("other", { name: "Plain", tls: "starttls" });
    await ps.site.setValue("Email Account", plain, { use_starttls: 0 });
    const starttls = await ps.addAccount("spare", { name: "Upgraded", tls: "starttls" });
    const connections = ps.connections();
    try {
      expect((await connections.client(await ps.site.get("Email Account", plain))).secureConnection).toBe(false);
      expect((await connections.client(await ps.site.get("Email Account", starttls))).secureConnection).toBe(true);
    } finally {
      await connections.close();
    }
    const untrusting = new ImapConnections({ site: ps.site, log: ps.log });
    await expect(untrusting.client(await ps.site.get("Email Account", starttls))).rejects.toThrow(/Error while connecting to email account Upgraded: .*certificate/);
    await untrusting.close();
  });

  test("a refused login is reported at once (no retry); an unreachable server is retried with backoff; no log line holds the password", async () => {
    const account = await ps.addAccount("bench");
    await ps.site.save({ doctype: "Email Account", name: account, password: "Wrong-Secret-4711" }, { noConnect: true });
    const connections = new ImapConnections({ site: ps.site, log: ps.log, ca: rig().ca, backoff: { attempts: 3, baseMs: 5, maxMs: 10 } });
    try {
      const refused = await pullAccount(ps.site, account, { connections, log: ps.log, siteHost: SITE_HOST });
      expect(refused.errors).toEqual([expect.stringMatching(/^Error while connecting to email account Bench: .*AUTHENTICATIONFAILED/)]);
      expect(ps.log.lines.filter((line) => line.msg?.startsWith("IMAP connect failed"))).toHaveLength(1);

      await ps.site.setValue("Email Account", account, { incoming_port: "1" });
      const unreachable = await pullAccount(ps.site, account, { connections, log: ps.log, siteHost: SITE_HOST });
      expect(unreachable.errors).toEqual([expect.stringMatching(/ECONNREFUSED/)]);
      const attempts = ps.log.lines.filter((line) => line.msg?.startsWith("IMAP connect failed") && line.bindings.port === 1).map((line) => (line.obj as { attempt: number }).attempt);
      expect(attempts).toEqual([1, 2, 3]);
    } finally {
      await connections.close();
    }
    expect(JSON.stringify(ps.log.lines)).not.toContain("Wrong-Secret-4711");
    expect(JSON.stringify(ps.log.lines)).not.toContain(rig().users.bench.password);
  });
});
