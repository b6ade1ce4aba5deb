import { bodyText, htmlText, plainText } from "./mail-body";
import { ATTACHMENTS, DOMAINS, MAILERS, PEOPLE, SUBJECTS, UNICODE_SUBJECTS } from "./mail-words";
import { base64Lines, encodeWords, isAscii, quotedPrintable, rfc5322Date } from "./mime-encode";
import { SeededRandom } from "./random";

/** The bench's fixed seed: change it and every figure is measured on other mails. */
export const BENCH_SEED = 20250304;
export const BENCH_RECIPIENT = "bench@example.test";

/** Shares of the mix (mail-test-rig.md, "Seeding"): the rest of the mails are single-part. */
const REPLY_SHARE = 0.35;
const ALTERNATIVE_SHARE = 0.3;
const MIXED_SHARE = 0.2;
const HTML_ONLY_SHARE = 0.08;
const UNICODE_SUBJECT_SHARE = 0.12;
/** A reply answers one of the last this many mails. */
const THREAD_WINDOW = 300;

export type MailKind = "plain" | "html" | "alternative" | "mixed";

interface Sent {
  messageId: string;
  subject: string;
  references: string[];
  from: string;
  date: string;
}

/**
 * Realistic mails, the same for the same seed: plain, HTML, multipart/alternative, multipart/mixed with a
 * small base64 attachment; ~35% replies carrying In-Reply-To and References of an earlier mail of the set;
 * some RFC 2047 subjects and names; ~2.5 KB on average. `next()` gives the mails in order (CRLF line ends).
 */
export class MailGenerator {
  private readonly random: SeededRandom;
  private readonly recent: Sent[] = [];
  private index = 0;
  private clock = Date.UTC(2025, 0, 6, 8, 0, 0);

  constructor(seed = BENCH_SEED) {
    this.random = new SeededRandom(seed);
  }

  next(): string {
    const r = this.random;
    const i = ++this.index;
    this.clock += r.int(20, 240) * 1000;
    const person = r.pick(PEOPLE);
    const domain = r.pick(DOMAINS);
    const from = `${person.local}@${domain}`;
    const offset = r.pick([0, 60, 120, -300, 330, 540]);
    const date = rfc5322Date(new Date(this.clock), offset);
    const messageId = r.chance(0.5) ? `CA${r.hex(24)}+${i}@mail.${domain}` : `${r.hex(16)}.${i}@${domain}`;

    const parent = this.recent.length > 0 && r.chance(REPLY_SHARE) ? r.pick(this.recent) : undefined;
    const subject = parent ? `Re: ${parent.subject.replace(/^Re: /, "")}` : this.subject(i);
    const references = parent ? [...parent.references, parent.messageId].slice(-10) : [];

    const body = bodyText(r, person.name, "Bench team", parent ? `On ${parent.date}, ${parent.from} wrote:` : undefined);
    const kind = this.kind();
    const headers = [
      `Return-Path: <${from}>`,
      `Received: from mail.${domain} (mail.${domain} [198.51.100.${r.int(1, 254)}])\r\n\tby mx.example.test (Postfix) with ESMTPS id ${r.hex(10).toUpperCase()}\r\n\tfor <${BENCH_RECIPIENT}>; ${date}`,
      ...(r.chance(0.5) ? [`Received: from [10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}] (unknown [203.0.113.${r.int(1, 254)}])\r\n\tby mail.${domain} with ESMTPSA id ${r.hex(12)}; ${date}`] : []),
      ...(r.chance(0.4) ? [this.dkimSignature(domain)] : []),
      `From: ${this.displayName(person.name)} <${from}>`,
      `To: Bench Team <${BENCH_RECIPIENT}>`,
      ...(r.chance(0.15) ? [`Cc: ${r.pick(PEOPLE).local}@${r.pick(DOMAINS)}`] : []),
      `Subject: ${encodeWords(subject, r.chance(0.5) ? "B" : "Q")}`,
      `Date: ${date}`,
      `Message-ID: <${messageId}>`,
      ...(parent ? [`In-Reply-To: <${parent.messageId}>`, `References: ${references.map((id) => `<${id}>`).join("\r\n ")}`] : []),
      "MIME-Version: 1.0",
      r.pick(MAILERS),
    ];
    const [contentHeaders, content] = this.content(kind, body, i);
    this.remember({ messageId, subject, references, from, date });
    return `${[...headers, ...contentHeaders].join("\r\n")}\r\n\r\n${content}`;
  }

  private subject(i: number): string {
    const template = this.random.chance(UNICODE_SUBJECT_SHARE) ? this.random.pick(UNICODE_SUBJECTS) : this.random.pick(SUBJECTS);
    return template.replace("{n}", String(10000 + (i % 9000)));
  }

  private kind(): MailKind {
    const roll = this.random.next();
    if (roll < ALTERNATIVE_SHARE) return "alternative";
    if (roll < ALTERNATIVE_SHARE + MIXED_SHARE) return "mixed";
    if (roll < ALTERNATIVE_SHARE + MIXED_SHARE + HTML_ONLY_SHARE) return "html";
    return "plain";
  }

  private displayName(name: string): string {
    return isAscii(name) ? `"${name.replace(/"/g, "")}"` : encodeWords(name, "Q");
  }

  private dkimSignature(domain: string): string {
    const r = this.random;
    const b64 = (bytes: number) => r.bytes(bytes).toString("base64");
    return (
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${domain}; s=mail;\r\n\tt=${Math.floor(this.clock / 1000)}; ` +
      `bh=${b64(32)};\r\n\th=From:To:Subject:Date:Message-ID:MIME-Version;\r\n\tb=${b64(128).replace(/(.{64})/g, "$1\r\n\t ")}`
    );
  }

  /** Content headers and body of one mail of the given kind. */
  private content(kind: MailKind, body: ReturnType<typeof bodyText>, i: number): [string[], string] {
    const text = textPart(plainText(body));
    const html = htmlPart(htmlText(body, this.random));
    if (kind === "plain") return [text.headers, text.body];
    if (kind === "html") return [html.headers, html.body];
    const boundary = `----=_Part_${i}_${this.random.hex(8)}`;
    const alternative = multipart("alternative", boundary, [text, html]);
    if (kind === "alternative") return [alternative.headers, alternative.body];
    const inner = this.random.chance(0.5) ? alternative : text;
    const mixed = multipart("mixed", `${boundary}_mixed`, [inner, this.attachment(i)]);
    return [mixed.headers, mixed.body];
  }

  private attachment(i: number): Part {
    const spec = this.random.pick(ATTACHMENTS);
    const content = Buffer.concat([Buffer.from(spec.magic, "latin1"), this.random.bytes(this.random.int(300, 1500))]);
    const name = spec.name.replace("{n}", String(i));
    return {
      headers: [`Content-Type: ${spec.type}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, "Content-Transfer-Encoding: base64"],
      body: `${base64Lines(content)}\r\n`,
    };
  }

  private remember(sent: Sent): void {
    this.recent.push(sent);
    if (this.recent.length > THREAD_WINDOW) this.recent.shift();
  }
}

interface Part {
  headers: string[];
  body: string;
}

function textPart(text: string): Part {
  const ascii = isAscii(text.replace(/\n/g, ""));
  return {
    headers: ["Content-Type: text/plain; charset=utf-8; format=flowed", `Content-Transfer-Encoding: ${ascii ? "7bit" : "quoted-printable"}`],
    body: ascii ? text.replace(/\n/g, "\r\n") : quotedPrintable(text),
  };
}

function htmlPart(html: string): Part {
  return { headers: ["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"], body: quotedPrintable(html) };
}

function multipart(subtype: "alternative" | "mixed", boundary: string, parts: Part[]): Part {
  const body = parts.map((part) => `--${boundary}\r\n${part.headers.join("\r\n")}\r\n\r\n${part.body}\r\n`).join("");
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`], body: `${body}--${boundary}--\r\n` };
}
