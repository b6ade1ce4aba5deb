import type { HeaderLines, Headers, StructuredHeader } from "mailparser";
import { hasHeader, headerText, rawHeader } from "./header-values";

/**
 * What automated-mail detection looks at: the top-level headers and the sender address.
 * `ParsedMail` (parsed-mail.ts) has this shape, so the jobs can call `isAutomatedMail(parsed)`.
 */
export interface AutomatedMailInput {
  headers: Headers;
  headerLines: HeaderLines;
  /** The sender address as stored (lower case). */
  sender: string;
}

const BULK_PRECEDENCE = new Set(["bulk", "junk", "list", "auto_reply"]);

function contentType(headers: Headers): StructuredHeader | undefined {
  const value = headers.get("content-type");
  return value && typeof value === "object" && "value" in value ? (value as StructuredHeader) : undefined;
}

/**
 * Why a mail was sent by a machine rather than a person, or undefined for an ordinary mail:
 * RFC 3834 `Auto-Submitted` (anything but "no"), `Precedence: bulk|junk|list|auto_reply`,
 * `X-Autoreply` / `X-Autorespond`, a report (`multipart/report`: delivery status or read receipt,
 * or a bare `message/delivery-status`), `X-Failed-Recipients`, a MAILER-DAEMON sender, or a null
 * return path (`Return-Path: <>`, which RFC 5321 reserves for such notifications).
 */
export function automatedMailReason(mail: AutomatedMailInput): string | undefined {
  const headers = mail.headers;
  const autoSubmitted = headerText(headers, "auto-submitted").split(";")[0]?.trim().toLowerCase() ?? "";
  if (autoSubmitted !== "" && autoSubmitted !== "no") return `Auto-Submitted: ${autoSubmitted}`;

  const precedence = headerText(headers, "precedence").trim().toLowerCase();
  if (BULK_PRECEDENCE.has(precedence)) return `Precedence: ${precedence}`;

  for (const key of ["x-autoreply", "x-autorespond"]) {
    if (hasHeader(headers, key)) return `${key} header`;
  }

  const type = contentType(headers);
  const mime = (type?.value ?? "").toLowerCase();
  if (mime === "multipart/report") return `multipart/report (${(type?.params["report-type"] ?? "").toLowerCase() || "report"})`;
  if (mime === "message/delivery-status") return "message/delivery-status";

  if (hasHeader(headers, "x-failed-recipients")) return "X-Failed-Recipients header";
  if (/^mailer-daemon@/i.test(mail.sender) || mail.sender.toLowerCase() === "mailer-daemon") return "MAILER-DAEMON sender";

  const returnPath = mail.headerLines.some((line) => line.key === "return-path") ? rawHeader(mail.headerLines, "return-path") : undefined;
  if (returnPath !== undefined && /^<\s*>$/.test(returnPath)) return "null return path (Return-Path: <>)";
  return undefined;
}

/**
 * True for auto-replies, bounces, read receipts and bulk mail. Such mail is stored (and threaded)
 * but never creates an "append to" document and is never answered by the auto-reply job: the
 * Communication is written with `communication_type = "Automated Message"` (see README).
 */
export function isAutomatedMail(mail: AutomatedMailInput): boolean {
  return automatedMailReason(mail) !== undefined;
}
