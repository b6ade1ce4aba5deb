import net from "node:net";
import { ImapFlow } from "imapflow";
import type { ImapFlowOptions } from "imapflow";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { resetMailbox, rig, waitForMessage } from ".";

/** Connects and logs in as info@example.test with the given options; returns the client (caller logs out). */
async function connect(options: Partial<ImapFlowOptions>): Promise<ImapFlow> {
  const { host, users } = rig();
  const client = new ImapFlow({ host, port: rig().imap.plain, auth: { user: users.info.email, pass: users.info.password }, logger: false, ...options });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** The error a login attempt ends with (fails the test if the login succeeds). */
async function loginError(options: Partial<ImapFlowOptions>): Promise<Record<string, unknown>> {
  const client = await connect(options).then(
    (c) => c,
    (err: unknown) => err as Record<string, unknown>,
  );
  if (client instanceof ImapFlow) {
    await client.logout();
    throw new Error("login succeeded");
  }
  return client;
}

/** The raw IMAP greeting of a port, to see the capabilities a client is offered. */
function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("data", (chunk) => {
      socket.destroy();
      resolve(chunk.toString("utf8"));
    });
    socket.once("error", reject);
  });
}

function submission(port: "submission" | "smtps", pass: string): Transporter<SMTPTransport.SentMessageInfo> {
  const { host, smtp, users, ca } = rig();
  return nodemailer.createTransport({
    host,
    port: smtp[port],
    secure: port === "smtps",
    requireTLS: port === "submission",
    auth: { user: users.sales.email, pass },
    tls: { ca },
  });
}

describe("IMAP listeners", () => {
  it("logs in on the 143-style port after STARTTLS, verifying the certificate against the rig's CA", async () => {
    const client = await connect({ port: rig().imap.plain, secure: false, tls: { ca: rig().ca } });
    expect(client.secureConnection).toBe(true);
    expect(client.authenticated).toBeTruthy();
    await client.logout();
  });

  it("logs in on the implicit-TLS port, verifying the certificate against the rig's CA", async () => {
    const client = await connect({ port: rig().imap.tls, secure: true, tls: { ca: rig().ca } });
    expect(client.secureConnection).toBe(true);
    await client.logout();
  });

  it("refuses the self-signed certificate when the CA is not given", async () => {
    const err = await loginError({ port: rig().imap.tls, secure: true });
    expect(err.code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("rejects a wrong password with AUTHENTICATIONFAILED", async () => {
    const err = await loginError({ tls: { ca: rig().ca }, auth: { user: rig().users.info.email, pass: "wrong" } });
    expect(err.authenticationFailed).toBe(true);
    expect(err.serverResponseCode).toBe("AUTHENTICATIONFAILED");
  });

  it("logs in through the PROXY-protocol listener (via the shim) once STARTTLS is done", async () => {
    const client = await connect({ port: rig().imap.loginDisabled, secure: false, tls: { ca: rig().ca } });
    expect(client.secureConnection).toBe(true);
    await client.logout();
  });
});

describe("plaintext login refused for a remote client", () => {
  it("advertises LOGINDISABLED, and imapflow without STARTTLS gives up with 'Login is disabled'", async () => {
    expect(await greeting(rig().imap.loginDisabled)).toContain(" LOGINDISABLED");
    const err = await loginError({ port: rig().imap.loginDisabled, doSTARTTLS: false });
    expect(err.message).toBe("Login is disabled");
    expect(err.authenticationFailed).toBe(true);
    expect(err.serverResponseCode).toBeUndefined();
  });

  it("answers a plaintext LOGIN with NO [PRIVACYREQUIRED] when LOGINDISABLED is hidden from the client", async () => {
    expect(await greeting(rig().imap.privacyRequired)).not.toContain("LOGINDISABLED");
    const err = await loginError({ port: rig().imap.privacyRequired, doSTARTTLS: false });
    expect(err.serverResponseCode).toBe("PRIVACYREQUIRED");
    expect(err.responseText).toBe("Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
    expect(err.authenticationFailed).toBe(true);
  });

  it("still lets the client in through the PRIVACYREQUIRED shim after STARTTLS", async () => {
    const client = await connect({ port: rig().imap.privacyRequired, tls: { ca: rig().ca } });
    expect(client.secureConnection).toBe(true);
    await client.logout();
  });
});

describe("SMTP through Postfix", () => {
  beforeAll(() => resetMailbox("support"));

  it.each(["submission", "smtps"] as const)("delivers a mail sent on the %s port (TLS + AUTH) to the IMAP mailbox", async (port) => {
    const { users } = rig();
    const subject = `rig smoke via ${port} ${Date.now()}`;
    const transport = submission(port, users.sales.password);
    const info = await transport.sendMail({ from: users.sales.email, to: users.support.email, subject, text: "hello" });
    transport.close();
    expect(info.accepted).toEqual([users.support.email]);
    const stored = await waitForMessage("support", "INBOX", (m) => m.raw.toString("utf8").includes(info.messageId));
    expect(stored.raw.toString("utf8")).toContain(`Subject: ${subject}`);
  });

  it("rejects a wrong SMTP password with EAUTH 535", async () => {
    const transport = submission("submission", "wrong");
    const err = (await transport.verify().catch((e: unknown) => e)) as Record<string, unknown>;
    transport.close();
    expect(err.code).toBe("EAUTH");
    expect(err.responseCode).toBe(535);
  });

  it("refuses mail without AUTH on the submission port", async () => {
    const { host, smtp, users, ca } = rig();
    const transport = nodemailer.createTransport({ host, port: smtp.submission, requireTLS: true, tls: { ca } });
    const err = (await transport.sendMail({ from: users.sales.email, to: users.support.email, text: "x" }).catch((e: unknown) => e)) as Record<string, unknown>;
    transport.close();
    expect(err.code).toBe("EENVELOPE");
    expect(String(err.response)).toMatch(/^554 5\.7\.1 /);
  });

  it("refuses an unknown recipient at RCPT time with 550 5.1.1", async () => {
    const transport = submission("submission", rig().users.sales.password);
    const err = (await transport.sendMail({ from: rig().users.sales.email, to: "nobody@example.test", text: "x" }).catch((e: unknown) => e)) as Record<string, unknown>;
    transport.close();
    expect(err.code).toBe("EENVELOPE");
    expect(String(err.response)).toMatch(/^550 5\.1\.1 .*User unknown in virtual mailbox table/);
  });
});
