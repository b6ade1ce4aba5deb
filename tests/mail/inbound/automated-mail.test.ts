import { MailParser, type HeaderLines, type Headers } from "mailparser";
import { automatedMailReason, isAutomatedMail } from "../../../src/mail/inbound/automated-mail";

async function mail(headerText: string, sender = "person@example.org"): Promise<{ headers: Headers; headerLines: HeaderLines; sender: string }> {
  const parser = new MailParser();
  const headers = new Promise<Headers>((resolve) => parser.once("headers", resolve));
  parser.on("data", (item: { type: string; release?: () => void; content?: NodeJS.ReadableStream }) => {
    if (item.type === "attachment") {
      item.content?.resume();
      item.content?.on("end", () => item.release?.());
    }
  });
  parser.end(Buffer.from(`From: ${sender}\r\n${headerText.replace(/\n/g, "\r\n")}\r\n\r\nbody\r\n`));
  const parsed = await headers;
  return { headers: parsed, headerLines: parser.headerLines || [], sender: sender.toLowerCase() };
}

describe("automated mail detection", () => {
  test.each([
    ["Auto-Submitted: auto-replied", "Auto-Submitted: auto-replied"],
    ["Auto-Submitted: auto-generated; owner-email=x@y", "Auto-Submitted: auto-generated"],
    ["Precedence: bulk", "Precedence: bulk"],
    ["Precedence: junk", "Precedence: junk"],
    ["Precedence: list", "Precedence: list"],
    ["Precedence: auto_reply", "Precedence: auto_reply"],
    ["X-Autoreply: yes", "x-autoreply header"],
    ["X-Autorespond: Out of office", "x-autorespond header"],
    ['Content-Type: multipart/report; report-type=delivery-status; boundary="b"', "multipart/report (delivery-status)"],
    ['Content-Type: multipart/report; report-type=disposition-notification; boundary="b"', "multipart/report (disposition-notification)"],
    ["Content-Type: message/delivery-status", "message/delivery-status"],
    ["X-Failed-Recipients: gone@example.org", "X-Failed-Recipients header"],
    ["Return-Path: <>", "null return path (Return-Path: <>)"],
  ])("%s is automated", async (header, reason) => {
    const input = await mail(header);
    expect(automatedMailReason(input)).toBe(reason);
    expect(isAutomatedMail(input)).toBe(true);
  });

  test("a MAILER-DAEMON sender is automated", async () => {
    expect(automatedMailReason(await mail("Subject: failure", "MAILER-DAEMON@mx.example.org"))).toBe("MAILER-DAEMON sender");
  });

  test.each([["Auto-Submitted: no"], ["Precedence: first-class"], ["Return-Path: <person@example.org>"], ["Subject: Out of office? No, a question"]])(
    "%s is an ordinary mail",
    async (header) => {
      expect(isAutomatedMail(await mail(header))).toBe(false);
    },
  );
});
