import { performance } from "node:perf_hooks";
import { ImapFlow } from "imapflow";
import { imapClientOptions } from "../src/mail/imap";
import { benchServer } from "./bench-account";
import type { Measured, MeasurementTask } from "./measurement";

/**
 * (a) Raw imapflow: connect, SELECT (read-only) and one streamed `FETCH 1:* (UID BODY.PEEK[])`, each source
 * dropped as soon as it arrives. The client options are the pull's own (imapClientOptions), so the two
 * figures differ by what the pull does, not by how it connects.
 */
export async function measureFetch(task: MeasurementTask): Promise<Measured> {
  const server = benchServer();
  const options = imapClientOptions({ host: server.host, port: server.port, secure: false, starttls: false, user: server.user }, server.password);
  const started = performance.now();
  const client = new ImapFlow(options);
  client.on("error", () => undefined);
  await client.connect();
  let messages = 0;
  let bytes = 0;
  const lock = await client.getMailboxLock(task.folder, { readOnly: true });
  try {
    for await (const message of client.fetch("1:*", { uid: true, source: true })) {
      messages += 1;
      bytes += message.source?.length ?? 0;
    }
  } finally {
    lock.release();
  }
  const seconds = (performance.now() - started) / 1000;
  await client.logout();
  return { messages, seconds, extra: { bytes } };
}
