import { type AttachmentStream, type HeaderLines, type Headers, MailParser, type MailParserOptions, type MessageText } from "mailparser";
import { DataError } from "../../errors";
import type { AttachmentSpool, SpooledAttachment } from "./attachment-spool";
import { feedParser, ParserGate, type RawCapture } from "./raw-source";
import type { WorkDir } from "./work-dir";

/**
 * A parse that makes no progress for this long is given up (a malformed boundary used to hang
 * mailparser). Progress is any chunk read from the source or coming out of the parser, so a large
 * mail arriving slowly is not cut off.
 */
export const PARSE_IDLE_TIMEOUT_MS = 60_000;

const PARSER_OPTIONS: MailParserOptions = {
  // Every message/rfc822 part arrives as a stream; forwarded-messages.ts parses it the way Frappe shows it.
  ignoreEmbedded: true,
  // HTML-to-text of a huge body is slow and only feeds text_content.
  maxHtmlLengthToParse: 5 * 1024 * 1024,
  checksumAlgo: false,
  skipTextLinks: true,
};

/** One level of a mail: its headers, bodies, and the forwarded mails it carries (not yet parsed). */
export interface MimeLevel {
  headers: Headers;
  headerLines: HeaderLines;
  /** mailparser's text: every text/plain part, or text made from the HTML when there is none. */
  text: string;
  /** Every text/html part (plain parts outside an alternative turned into HTML); undefined when none. */
  html?: string;
  embedded: SpooledAttachment[];
}

export interface MimeParseResult {
  capture: RawCapture;
  level?: MimeLevel;
  /** Why the mail could not be parsed (the capture still holds its raw source). */
  error?: unknown;
  /** Reading the source failed: the mail was not received whole and must be fetched again. */
  sourceError?: unknown;
}

async function consume(parser: MailParser, spool: AttachmentSpool, embedded: SpooledAttachment[], progress: () => void): Promise<MessageText> {
  let text: MessageText = { type: "text" };
  for await (const item of parser as AsyncIterable<AttachmentStream | MessageText>) {
    progress();
    if (item.type === "attachment") await spool.accept(item, embedded, progress);
    else text = item;
  }
  return text;
}

/** Rejects once `touch` has not been called for `ms` milliseconds. */
class Watchdog {
  private last = Date.now();
  private readonly timer: NodeJS.Timeout;
  readonly expired: Promise<never>;

  constructor(ms: number) {
    let fail!: (err: Error) => void;
    this.expired = new Promise<never>((_, reject) => (fail = reject));
    this.timer = setInterval(() => {
      if (Date.now() - this.last >= ms) {
        this.cancel();
        fail(new DataError(`The mail parser made no progress for ${ms / 1000} seconds`));
      }
    }, Math.max(10, Math.min(1000, ms / 4)));
    this.timer.unref();
  }
  touch = (): void => {
    this.last = Date.now();
  };
  cancel(): void {
    clearInterval(this.timer);
  }
}

/**
 * Streams one raw message through mailparser's `MailParser` (never `simpleParser`): attachments go
 * to the spool as they arrive, the source is always read to its end, and a parser that fails or
 * stops making progress is abandoned without losing the raw source.
 */
export async function parseMimeLevel(
  source: Buffer | NodeJS.ReadableStream,
  spool: AttachmentSpool,
  work: WorkDir,
  idleTimeoutMs = PARSE_IDLE_TIMEOUT_MS,
): Promise<MimeParseResult> {
  const parser = new MailParser(PARSER_OPTIONS);
  parser.on("error", () => undefined); // reported through the iterator below; never an uncaught 'error'
  const gate = new ParserGate();
  const embedded: SpooledAttachment[] = [];
  const watchdog = new Watchdog(idleTimeoutMs);
  watchdog.expired.catch(() => undefined); // observed through the race below
  const parsed = Promise.race([consume(parser, spool, embedded, watchdog.touch), watchdog.expired]).then(
    (text) => ({ text }),
    (error: unknown) => {
      gate.stop();
      parser.destroy();
      return { error };
    },
  );
  const fed = await feedParser(source, parser, gate, work, watchdog.touch);
  if (fed.sourceError) {
    watchdog.cancel();
    parser.destroy();
    return { capture: fed.capture, sourceError: fed.sourceError };
  }
  const outcome = await parsed;
  watchdog.cancel();
  if ("error" in outcome) return { capture: fed.capture, error: outcome.error };
  if (!parser.headers) return { capture: fed.capture, error: new DataError("The mail has no header section") };
  return {
    capture: fed.capture,
    level: {
      headers: parser.headers,
      headerLines: parser.headerLines || [],
      text: outcome.text.text ?? "",
      ...(outcome.text.html !== undefined ? { html: outcome.text.html } : {}),
      embedded,
    },
  };
}
