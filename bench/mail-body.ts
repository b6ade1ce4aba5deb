import { ACCENTED_WORDS, WORDS } from "./mail-words";
import type { SeededRandom } from "./random";

/** The words of one mail's body: paragraphs of sentences, a greeting, a signature, maybe a quote. */
export interface BodyText {
  greeting: string;
  paragraphs: string[];
  signature: string[];
  /** For a reply: who wrote the quoted mail, and its lines. */
  quote?: { header: string; lines: string[] };
}

function sentence(random: SeededRandom): string {
  const length = random.int(7, 20);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(random.chance(0.03) ? random.pick(ACCENTED_WORDS) : random.pick(WORDS));
  const text = words.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${random.pick([".", ".", ".", "?", "!"])}`;
}

function paragraph(random: SeededRandom): string {
  return Array.from({ length: random.int(1, 4) }, () => sentence(random)).join(" ");
}

export function bodyText(random: SeededRandom, sender: string, recipientName: string, quoteHeader?: string): BodyText {
  return {
    greeting: `${random.pick(["Hello", "Hi", "Dear", "Good morning"])} ${recipientName},`,
    paragraphs: Array.from({ length: random.int(1, 4) }, () => paragraph(random)),
    signature: [random.pick(["Best regards,", "Kind regards,", "Thanks,", "Cheers,"]), sender, random.pick(["Sales", "Purchasing", "Logistics", "Customer Service", "Accounts"])],
    ...(quoteHeader ? { quote: { header: quoteHeader, lines: Array.from({ length: random.int(1, 3) }, () => sentence(random)) } } : {}),
  };
}

/** Plain text with lines wrapped at 72 characters, as mail clients send it. */
export function plainText(body: BodyText): string {
  const wrap = (text: string, prefix = "") => {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(" ")) {
      if (line && line.length + word.length + 1 > 72 - prefix.length) {
        lines.push(prefix + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(prefix + line);
    return lines.join("\n");
  };
  const parts = [body.greeting, ...body.paragraphs.map((p) => wrap(p)), body.signature.join("\n")];
  if (body.quote) parts.push(`${body.quote.header}\n${body.quote.lines.map((l) => wrap(l, "> ")).join("\n>\n")}`);
  return `${parts.join("\n\n")}\n`;
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** HTML as a webmail client writes it: a wrapper div, inline styles, a link, a signature block, a blockquote. */
export function htmlText(body: BodyText, random: SeededRandom): string {
  const paragraphs = body.paragraphs.map((p) => `<p style="margin:0 0 12px 0">${escapeHtml(p)}</p>`);
  if (random.chance(0.4)) paragraphs.push(`<p>Details: <a href="https://portal.example.test/orders/${random.int(1000, 99999)}" target="_blank">order portal</a></p>`);
  const quote = body.quote
    ? `<div class="gmail_quote"><div dir="ltr" class="gmail_attr">${escapeHtml(body.quote.header)}<br></div>` +
      `<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">` +
      `${body.quote.lines.map((l) => `<div>${escapeHtml(l)}</div>`).join("")}</blockquote></div>`
    : "";
  return (
    `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\n` +
    `<body><div dir="ltr" style="font-family:Arial,sans-serif;font-size:14px">\n<p>${escapeHtml(body.greeting)}</p>\n` +
    `${paragraphs.join("\n")}\n<div class="signature">${body.signature.map(escapeHtml).join("<br>")}</div>\n</div>\n${quote}</body></html>\n`
  );
}
