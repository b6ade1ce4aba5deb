import type { Doc } from "../core/doc";

/**
 * The seam between the IMAP puller (src/mail/imap/) and the code that turns a mail into records
 * (src/mail/inbound/): one message as fetched from one folder of one account.
 */
export interface InboundMessage {
  /** The Email Account record (as the site returns it). */
  account: Doc;
  /** The IMAP folder name as on the server ("INBOX"); empty for POP3. */
  folder: string;
  /** The folder row's Append To (IMAP), else the account's (POP3); may be empty. */
  appendTo: string;
  uid: number;
  uidvalidity: string;
  /** Whether the server had flagged it \\Seen before we fetched it. */
  seen: boolean;
  /** The raw RFC 822 source: a Buffer for ordinary sizes, a stream for large ones (never held whole). */
  source: Buffer | NodeJS.ReadableStream;
  /** Byte size as the server reports it (RFC822.SIZE), when known. */
  size?: number;
}

export type IngestStatus =
  /** A new Communication (and maybe a new "append to" document). */
  | "created"
  /** Already stored for this account (same Message-ID, or same folder/UIDVALIDITY/UID): nothing written. */
  | "duplicate"
  /** Recognised and deliberately not stored (e.g. a self-sent copy, P12). */
  | "skipped"
  /** Could not be turned into records: kept as an Unhandled Email with the raw source and the reason. */
  | "unhandled";

export interface IngestResult {
  status: IngestStatus;
  /** The Communication's name (created or the existing duplicate). */
  communication?: string;
  reference?: { doctype: string; name: string };
  unhandledEmail?: string;
  reason?: string;
}
