import { describeBytes, type SkippedAttachment } from "./attachment-spool";
import { escapeHtml, plainTextToHtml, sanitizeMailHtml } from "./html-sanitizer";
import type { ParsedMail } from "./parsed-mail";

/** P11: what a mail without any body shows. */
export const BLANK_EMAIL = "[Blank Email]";

/** The bodies of a mail before sanitising: HTML with `cid:` references intact, and the text version. */
export interface MailBodies {
  html: string;
  text: string;
}

/**
 * P11 content: the HTML body if there is one, else the escaped plain text; each forwarded mail
 * (message/rfc822 part) adds an `<hr>`, one `<p>` per header line (From, To, Subject, Date) and its
 * body. `text` is mailparser's text (or text made from the HTML), forwarded parts included.
 */
export function mailBodies(mail: Pick<ParsedMail, "html" | "text" | "forwarded">): MailBodies {
  const html: string[] = [mail.html ?? plainTextToHtml(mail.text)];
  const text: string[] = [mail.text];
  for (const forwarded of mail.forwarded) {
    html.push(`<hr>${forwarded.headerLines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}`);
    html.push(forwarded.html ?? plainTextToHtml(forwarded.text));
    text.push(`\n${forwarded.headerLines.join("\n")}\n${forwarded.text}`);
  }
  const joinedHtml = html.filter((part) => part.trim() !== "").join("\n");
  return { html: joinedHtml === "" ? escapeHtml(BLANK_EMAIL) : joinedHtml, text: text.join("") };
}

/**
 * P20: `cid:` references to stored inline parts become the stored files' URLs. Content-IDs are
 * matched as written and URL-decoded (RFC 2392 lets a `cid:` URL percent-encode them).
 */
export function replaceCidReferences(html: string, urlsByCid: ReadonlyMap<string, string>): string {
  if (urlsByCid.size === 0) return html;
  return html.replace(/\bcid:([^'"\s<>)]+)/gi, (match, cid: string) => {
    let url = urlsByCid.get(cid);
    if (url === undefined) {
      try {
        url = urlsByCid.get(decodeURIComponent(cid));
      } catch {
        url = undefined; // not valid percent-encoding: leave the reference as it is
      }
    }
    return url === undefined ? match : escapeHtml(url);
  });
}

/** One line per attachment that was not stored: name, size, type and why. */
export function skippedAttachmentLines(skipped: readonly SkippedAttachment[]): string[] {
  return skipped.map((entry) => `${entry.filename} (${describeBytes(entry.size)}, ${entry.contentType}): ${entry.reason}`);
}

/**
 * The note that lists attachments that were not stored, appended to the content after sanitising
 * (every value escaped), in a `<div class="fea-skipped-attachments">` a reader and a program can find.
 */
export function skippedAttachmentsHtml(skipped: readonly SkippedAttachment[]): string {
  if (skipped.length === 0) return "";
  const items = skippedAttachmentLines(skipped).map((line) => `<li>${escapeHtml(line)}</li>`).join("");
  return `\n<div class="fea-skipped-attachments"><p><strong>Attachments not stored:</strong></p><ul>${items}</ul></div>`;
}

export function skippedAttachmentsText(skipped: readonly SkippedAttachment[]): string {
  if (skipped.length === 0) return "";
  return `\n\nAttachments not stored:\n${skippedAttachmentLines(skipped).map((line) => `- ${line}`).join("\n")}`;
}

/** The Communication's content: sanitised, `cid:` references replaced, the skipped-attachments note last. */
export function storedContent(bodies: MailBodies, urlsByCid: ReadonlyMap<string, string>, skipped: readonly SkippedAttachment[]): string {
  return sanitizeMailHtml(replaceCidReferences(bodies.html, urlsByCid)) + skippedAttachmentsHtml(skipped);
}
