import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type Mail from "nodemailer/lib/mailer";
import { rig } from "./connect";
import { listMailbox } from "./mailbox";
import type { StoredMessage } from "./mailbox";
import type { RigUserName } from "./users";

/**
 * Sends a message into the rig through Postfix's 25-style port (no AUTH; Postfix hands it to Dovecot by LMTP).
 * Pass nodemailer's message fields, or `raw` with an `envelope`. Delivery is asynchronous: use waitForMessage.
 */
export async function deliverViaSmtp(message: Mail.Options): Promise<SMTPTransport.SentMessageInfo> {
  const { host, smtp, ca } = rig();
  const transport = nodemailer.createTransport({ host, port: smtp.plain, secure: false, tls: { ca } });
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

/** Polls a folder until a message matches (e.g. by Message-ID in its raw source); rejects after timeoutMs. */
export async function waitForMessage(
  user: RigUserName,
  folder: string,
  matches: (message: StoredMessage) => boolean,
  timeoutMs = 10_000,
): Promise<StoredMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await listMailbox(user, folder)).find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching message in ${user}'s ${folder} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
