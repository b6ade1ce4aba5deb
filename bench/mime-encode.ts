/** The MIME encodings the bench's mail generator needs (RFC 2045 / 2047 / 5322), nothing more. */

const ASCII = /^[\x20-\x7e]*$/;

export function isAscii(text: string): boolean {
  return ASCII.test(text);
}

/**
 * A header value as RFC 2047 encoded words when it is not plain ASCII: B or Q encoding, UTF-8, each word
 * short enough for a 76-character line, split on whole characters (never inside a UTF-8 sequence).
 */
export function encodeWords(text: string, encoding: "B" | "Q"): string {
  if (isAscii(text)) return text;
  const words: string[] = [];
  let chunk = "";
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > (encoding === "B" ? 42 : 20)) {
      words.push(encodedWord(chunk, encoding));
      chunk = "";
    }
    chunk += char;
  }
  if (chunk) words.push(encodedWord(chunk, encoding));
  return words.join("\r\n ");
}

function encodedWord(text: string, encoding: "B" | "Q"): string {
  const bytes = Buffer.from(text, "utf8");
  if (encoding === "B") return `=?UTF-8?B?${bytes.toString("base64")}?=`;
  let out = "";
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (byte === 0x20) out += "_";
    else if (/[A-Za-z0-9!*+\-/]/.test(char)) out += char;
    else out += `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return `=?UTF-8?Q?${out}?=`;
}

/** Quoted-printable (RFC 2045 6.7) of UTF-8 text with CRLF line ends and soft breaks at 76 characters. */
export function quotedPrintable(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => softWrap(encodeQpLine(line)))
    .join("\r\n");
}

function encodeQpLine(line: string): string {
  let out = "";
  const bytes = Buffer.from(line, "utf8");
  bytes.forEach((byte, index) => {
    const last = index === bytes.length - 1;
    const plain = (byte >= 33 && byte <= 126 && byte !== 61) || (byte === 32 && !last);
    out += plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  });
  return out;
}

function softWrap(encoded: string): string {
  const lines: string[] = [];
  let rest = encoded;
  while (rest.length > 76) {
    let cut = 75;
    // Never split an =XX escape.
    const escape = rest.lastIndexOf("=", cut);
    if (escape > cut - 3) cut = escape;
    lines.push(`${rest.slice(0, cut)}=`);
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines.join("\r\n");
}

/** Base64 in 76-character lines, as MIME wants it. */
export function base64Lines(content: Buffer): string {
  return (content.toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `Tue, 04 Mar 2025 10:00:00 +0100`: the instant `date` as seen in a zone `offsetMinutes` east of UTC. */
export function rfc5322Date(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return (
    `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}
