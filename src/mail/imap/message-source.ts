import type { ImapFlow } from "imapflow";
import type { Readable } from "node:stream";
import type { MessageMeta } from "./fetch-plan";
import { uidSet } from "./uid-set";

const SEEN = "\\Seen";
/** Large messages are read in 1 MiB partial FETCHes: few round trips, little memory. */
const DOWNLOAD_CHUNK_BYTES = 1024 * 1024;

/**
 * UID, flags and RFC822.SIZE of these messages in one FETCH, in UID order; a UID the server no
 * longer has (expunged meanwhile) is simply absent.
 */
export async function fetchMeta(client: ImapFlow, uids: readonly number[]): Promise<MessageMeta[]> {
  if (uids.length === 0) return [];
  const rows = await client.fetchAll(uidSet(uids), { uid: true, flags: true, size: true }, { uid: true });
  const wanted = new Set(uids);
  return rows
    .filter((row) => wanted.has(row.uid))
    .map((row) => ({ uid: row.uid, size: row.size ?? 0, seen: row.flags?.has(SEEN) ?? false }))
    .sort((a, b) => a.uid - b.uid);
}

/**
 * The raw sources of a run of small messages, in one FETCH (BODY.PEEK[], so nothing is marked
 * \Seen by fetching). The loop only collects: no IMAP command may run inside it (imapflow deadlocks).
 */
export async function fetchSources(client: ImapFlow, uids: readonly number[]): Promise<Map<number, Buffer>> {
  const sources = new Map<number, Buffer>();
  if (uids.length === 0) return sources;
  for await (const row of client.fetch(uidSet(uids), { uid: true, source: true }, { uid: true })) {
    if (row.source) sources.set(row.uid, row.source);
  }
  return sources;
}

/** A large message as a stream, read from the server chunk by chunk as it is consumed; undefined when gone. */
export interface StreamedSource {
  content: Readable;
  /** Set when the stream failed (e.g. the connection dropped): the mail was not read whole. */
  failure(): unknown;
  /** Stops the download if the consumer left part of it unread. */
  finish(): void;
}

export async function streamSource(client: ImapFlow, uid: number): Promise<StreamedSource | undefined> {
  const download = await client.download(String(uid), undefined, { uid: true, chunkSize: DOWNLOAD_CHUNK_BYTES });
  if (!download.content) return undefined;
  const content = download.content;
  let failure: unknown;
  content.on("error", (err: unknown) => (failure = err ?? new Error("download failed")));
  return {
    content,
    failure: () => failure,
    finish: () => {
      if (!content.readableEnded && !content.destroyed) content.destroy();
    },
  };
}

/** Adds \Seen to these messages (UNSEEN mode, after they are stored); needs a read-write SELECT. */
export async function markSeen(client: ImapFlow, uids: readonly number[]): Promise<void> {
  if (uids.length === 0) return;
  const ok = await client.messageFlagsAdd(uidSet(uids), [SEEN], { uid: true });
  if (!ok) throw new Error(`the server refused to mark UIDs ${uidSet(uids)} as seen`);
}
