import addressparser from "nodemailer/lib/addressparser";
import { encodeWord } from "nodemailer/lib/mime-funcs";
import { encode as qpEncode, wrap as qpWrap } from "nodemailer/lib/qp";
import { formatAddress } from "./addresses";
import { ValidationError } from "../../errors";
import { assertNoControlCharacters, hasControlCharacters } from "./header-safety";
import { splitHeadAndBody } from "./mime-message";
import { PLACEHOLDERS } from "./unsubscribe";

/** What goes into one recipient's copy of a queued message (Frappe's `SendMailContext.build_message`). */
export interface RecipientValues {
  /** The To header when recipients are not exposed in the header; "" otherwise. */
  recipient: string;
  /** The signed unsubscribe URL, or "" when the mail carries no link. */
  unsubscribeUrl: string;
  /** The open-tracking `<img>` tag, or "". */
  trackerHtml: string;
  /** "This email was sent to ... and copied to ...", or "". */
  ccMessage: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A placeholder as it may appear in a quoted-printable body: the encoder may have put a soft line
 * break (`=` + newline) anywhere inside it.
 */
function placeholderPattern(placeholder: string): RegExp {
  return new RegExp([...placeholder].map(escapeRegExp).join("(?:=\\r?\\n)?"), "g");
}

/** Whether a stored message holds a placeholder (possibly split by a soft line break). */
export function hasPlaceholder(message: string, placeholder: string): boolean {
  return new RegExp(placeholderPattern(placeholder).source).test(message);
}

/** A value as quoted-printable text for the body, wrapped like the rest of the part. */
function qp(value: string, newline: string): string {
  if (value === "") return "";
  return qpWrap(qpEncode(Buffer.from(value, "utf8")), 76).replace(/\r?\n/g, newline);
}

/** A recipient for the To header, its display name encoded when it is not ASCII. */
function headerAddress(text: string): string {
  assertNoControlCharacters(text, "recipient");
  const [first] = addressparser(text, { flatten: true });
  if (!first || !first.name) return first?.address ?? text;
  const name = /^[\x20-\x7e]*$/.test(first.name) ? first.name : encodeWord(first.name, "B");
  return /^=\?/.test(name) ? `${name} <${first.address}>` : formatAddress(name, first.address);
}

/**
 * One recipient's copy of a stored message: header placeholders take the raw values, body
 * placeholders the quoted-printable ones (as Frappe encodes them with `quopri`).
 */
export function personalise(message: string, values: RecipientValues): string {
  const { head, separator, body } = splitHeadAndBody(message);
  const newline = separator.startsWith("\r\n") ? "\r\n" : "\n";
  // The URL is built from row fields (the unsubscribe method); a line break there would open a header.
  if (hasControlCharacters(values.unsubscribeUrl)) throw new ValidationError("The unsubscribe link of this mail holds control characters", { doctype: "Email Queue", field: "unsubscribe_method" });
  // A row whose link was switched off after queueing: its List-Unsubscribe headers would be empty.
  const keptHead = values.unsubscribeUrl ? head : head.replace(/^List-Unsubscribe(?:-Post)?:.*(?:\r?\n[ \t].*)*(?:\r?\n|$)/gim, "").replace(/\r?\n$/, "");
  const personalHead = keptHead
    .split(PLACEHOLDERS.recipient)
    .join(values.recipient ? headerAddress(values.recipient) : "")
    .split(PLACEHOLDERS.unsubscribeUrl)
    .join(values.unsubscribeUrl);
  const replacements: Array<[string, string]> = [
    [PLACEHOLDERS.tracker, values.trackerHtml],
    [PLACEHOLDERS.unsubscribeUrl, values.unsubscribeUrl],
    [PLACEHOLDERS.ccMessage, values.ccMessage],
    [PLACEHOLDERS.recipient, values.recipient],
  ];
  let personalBody = body;
  for (const [placeholder, value] of replacements) {
    const encoded = qp(value, newline);
    personalBody = personalBody.replace(placeholderPattern(placeholder), () => encoded);
  }
  return `${personalHead}${separator}${personalBody}`;
}
