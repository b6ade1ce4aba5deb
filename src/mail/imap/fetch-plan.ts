/** What a first, cheap FETCH (UID FLAGS RFC822.SIZE) tells about one message. */
export interface MessageMeta {
  uid: number;
  /** RFC822.SIZE in bytes (0 when the server did not say). */
  size: number;
  seen: boolean;
}

/** A run of messages whose sources one FETCH brings into memory, or one message streamed on its own. */
export type FetchGroup = { kind: "buffered"; messages: MessageMeta[] } | { kind: "streamed"; message: MessageMeta };

export interface FetchLimits {
  /** A message larger than this is streamed with `download()`, never held whole. */
  streamAboveBytes: number;
  /** The sources of one buffered FETCH add up to at most this many bytes... */
  maxBufferedBytes: number;
  /** ...and at most this many messages. */
  maxBufferedCount: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  streamAboveBytes: 2 * 1024 * 1024,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxBufferedCount: 200,
};

/**
 * Groups messages (in UID order) for fetching: small ones together, bounded by count and bytes so
 * memory stays flat, large ones alone. The groups keep the UID order, so the mails are handed on in it.
 */
export function planFetchGroups(messages: readonly MessageMeta[], limits: FetchLimits = DEFAULT_FETCH_LIMITS): FetchGroup[] {
  const groups: FetchGroup[] = [];
  let run: MessageMeta[] = [];
  let runBytes = 0;
  const flush = () => {
    if (run.length > 0) groups.push({ kind: "buffered", messages: run });
    run = [];
    runBytes = 0;
  };
  for (const message of messages) {
    if (message.size > limits.streamAboveBytes) {
      flush();
      groups.push({ kind: "streamed", message });
      continue;
    }
    if (run.length >= limits.maxBufferedCount || (run.length > 0 && runBytes + message.size > limits.maxBufferedBytes)) flush();
    run.push(message);
    runBytes += message.size;
  }
  flush();
  return groups;
}
