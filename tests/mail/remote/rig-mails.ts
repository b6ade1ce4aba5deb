import crypto from "node:crypto";

export interface MailPart {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Content-ID (without brackets): the part is inline and the HTML shows it with `cid:`. */
  cid?: string;
}

export interface MailSpec {
  /** The Message-ID without brackets; null for a mail without one. */
  id: string | null;
  subject: string;
  from?: string;
  to?: string;
  inReplyTo?: string;
  text?: string;
  attachments?: MailPart[];
}

/** Frappe's File content_hash of some bytes. */
export function md5(content: Buffer): string {
  return crypto.createHash("md5").update(content).digest("hex");
}

/** Bytes that look like nothing in particular, the same for the same seed. */
export function seededBytes(seed: string, size: number): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0; chunks.length * 32 < size; i++) chunks.push(crypto.createHash("sha256").update(`${seed}:${i}`).digest());
  return Buffer.concat(chunks).subarray(0, size);
}

function base64Lines(content: Buffer): string {
  return (content.toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
}

/** A raw mail (CRLF), plain text, or multipart with an HTML body and the given attachments. */
export function rawMail(spec: MailSpec): string {
  const text = spec.text ?? `Body of ${spec.subject}.`;
  const head = [
    `From: ${spec.from ?? "Cora Customer <cora@customer.test>"}`,
    `To: ${spec.to ?? "spare@example.test"}`,
    `Subject: ${spec.subject}`,
    "Date: Tue, 04 Mar 2025 10:00:00 +0000",
    ...(spec.id === null ? [] : [`Message-ID: <${spec.id}>`]),
    ...(spec.inReplyTo ? [`In-Reply-To: <${spec.inReplyTo}>`, `References: <${spec.inReplyTo}>`] : []),
    "MIME-Version: 1.0",
  ];
  const attachments = spec.attachments ?? [];
  if (attachments.length === 0) return [...head, "Content-Type: text/plain; charset=utf-8", "", text, ""].join("\r\n");
  const boundary = "remote-mail-boundary";
  const images = attachments.filter((part) => part.cid).map((part) => `<img src="cid:${part.cid}" alt="${part.filename}">`);
  const lines = [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "",
    `<p>${text}</p>${images.join("")}`,
  ];
  for (const part of attachments) {
    lines.push(
      `--${boundary}`,
      `Content-Type: ${part.contentType}; name="${part.filename}"`,
      `Content-Disposition: ${part.cid ? "inline" : "attachment"}; filename="${part.filename}"`,
      ...(part.cid ? [`Content-ID: <${part.cid}>`] : []),
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(part.content),
    );
  }
  lines.push(`--${boundary}--`, "");
  return lines.join("\r\n");
}
