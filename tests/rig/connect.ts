import fs from "node:fs";
import { ImapFlow } from "imapflow";
import { readRunInfo } from "./run-info";
import type { RigInfo } from "./run-info";
import type { RigUserName } from "./users";

export interface Rig extends RigInfo {
  /** The server certificate's PEM text, for `tls: { ca: rig().ca }`. */
  ca: string;
}

let cached: Rig | undefined;

/** This run's hosts, ports, users and certificate (written by global-setup; throws outside the rig project). */
export function rig(): Rig {
  if (!cached) {
    const info = readRunInfo();
    cached = { ...info, ca: fs.readFileSync(info.caCert, "utf8") };
  }
  return cached;
}

/**
 * A logged-in ImapFlow for one rig user, on the 143-style port with STARTTLS verified against the rig's
 * certificate. The caller must `logout()` it.
 */
export async function imapClient(user: RigUserName): Promise<ImapFlow> {
  const { host, imap, users, ca } = rig();
  const client = new ImapFlow({
    host,
    port: imap.plain,
    secure: false,
    auth: { user: users[user].email, pass: users[user].password },
    tls: { ca },
    logger: false,
  });
  // Without a listener an unexpected drop would crash the test process (imapflow emits 'error').
  client.on("error", () => undefined);
  await client.connect();
  return client;
}
