import MailComposer from "nodemailer/lib/mail-composer";
import { type NamedAddress } from "./addresses";
import { cleanHeaderText } from "./header-safety";
import { PLACEHOLDERS } from "./unsubscribe";

/** Everything the stored MIME text of one queue row is made of (S9). */
export interface QueuedMimeInput {
  from: NamedAddress;
  /** To and CC as shown in the headers when recipients are exposed there. */
  to: string[];
  cc: string[];
  /** `header`: everybody in To/CC; anything else: To is the current recipient, filled in at send time. */
  exposeRecipients?: string | null;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** With angle brackets. */
  messageId: string;
  date: Date;
  inReplyTo?: string;
  references?: string[];
  /** Further headers, already safe (`X-Frappe-Site`, `isnotification`, `X-Original-From`, ...). */
  headers: Array<{ key: string; value: string }>;
  /** RFC 2369 / 8058 headers whose URL is filled in per recipient. */
  listUnsubscribe: boolean;
}

/** The header block and the body of a MIME text. */
export function splitHeadAndBody(message: string): { head: string; separator: string; body: string } {
  const match = /\r?\n\r?\n/.exec(message);
  if (!match) return { head: message, separator: "", body: "" };
  return { head: message.slice(0, match.index), separator: match[0], body: message.slice(match.index + match[0].length) };
}

/**
 * The message as Frappe stores it in `Email Queue.message`: the whole MIME text, bodies
 * quoted-printable, with placeholders for what differs per recipient (To when not exposed, the
 * unsubscribe URL, the open-tracking pixel, the "sent to" line).
 */
export async function buildQueuedMime(input: QueuedMimeInput): Promise<string> {
  const exposed = input.exposeRecipients === "header";
  const headers = [...input.headers];
  if (input.listUnsubscribe) {
    // The URL is per recipient; `prepared` keeps the placeholder out of the header encoder.
    headers.push({ key: "List-Unsubscribe", value: `<${PLACEHOLDERS.unsubscribeUrl}>` });
    headers.push({ key: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click" });
  }
  const composer = new MailComposer({
    from: input.from,
    ...(exposed && input.to.length > 0 ? { to: input.to } : {}),
    ...(exposed && input.cc.length > 0 ? { cc: input.cc } : {}),
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    subject: input.subject,
    messageId: input.messageId,
    date: input.date,
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
    ...(input.references && input.references.length > 0 ? { references: input.references } : {}),
    // ASCII values go out as given (`prepared`: not folded or re-encoded); others get RFC 2047 words.
    headers: headers.map(({ key, value }) => {
      const safe = cleanHeaderText(value);
      return { key, value: /^[\x20-\x7e]*$/.test(safe) ? { prepared: true, value: safe } : safe };
    }),
    text: input.text,
    html: input.html,
    // Bodies as quoted-printable, so the placeholders stay readable text in the stored message.
    encoding: "quoted-printable",
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const built = (await composer.compile().build()).toString("utf8");
  if (exposed) return built;
  // A To placeholder is not an address, so the composer would not write it; it goes in by hand.
  const { head, separator, body } = splitHeadAndBody(built);
  const newline = separator.startsWith("\r\n") ? "\r\n" : "\n";
  return `${head}${newline}To: ${PLACEHOLDERS.recipient}${separator}${body}`;
}
