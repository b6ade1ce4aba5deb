import { Readable } from "node:stream";
import { AttachmentSpool } from "../../../src/mail/inbound/attachment-spool";
import { parseMimeLevel } from "../../../src/mail/inbound/mime-parser";
import { parseMail } from "../../../src/mail/inbound/parsed-mail";
import { WorkDir } from "../../../src/mail/inbound/work-dir";
import { buildMail, eml } from "./inbound-fixture";

const now = new Date("2024-06-10T12:00:00Z");

describe("parseMail", () => {
  let work: WorkDir;
  beforeEach(() => {
    work = WorkDir.create();
  });
  afterEach(() => {
    work.remove();
  });

  test("a stream source is parsed like a Buffer, and its head kept for an Unhandled Email", async () => {
    const raw = eml("html-inline-image.eml");
    const fromStream = await parseMail(Readable.from([raw.subarray(0, 100), raw.subarray(100)]), { work, limitBytes: 1024 * 1024, now });
    expect(fromStream.mail?.subject).toBe("Screenshot of the error");
    expect(fromStream.mail?.attachments.map((a) => [a.filename, a.cid ?? null])).toEqual([
      ["error-screen.png", "screenshot-1@example.org"],
      ["invoice.pdf", null],
    ]);
    expect(fromStream.capture.head().equals(raw)).toBe(true);
    expect(fromStream.capture.truncated).toBe(false);
  });

  test("attachments over the limit are skipped with their full size", async () => {
    const outcome = await parseMail(eml("html-inline-image.eml"), { work, limitBytes: 50, now });
    expect(outcome.mail?.attachments.map((a) => a.filename)).toEqual(["invoice.pdf"]);
    expect(outcome.mail?.skipped).toEqual([{ filename: "error-screen.png", contentType: "image/png", size: 73, reason: "larger than the attachment limit of 50 bytes" }]);
  });

  test("forwarded mails inside forwarded mails are opened; the deepest ones are kept as .eml attachments", async () => {
    let inner = buildMail({ subject: "level 4", messageId: "l4@x", body: "deepest" }).toString();
    for (const level of [3, 2, 1]) {
      inner = [
        `From: l${level}@x.org`,
        `Subject: level ${level}`,
        `Message-ID: <l${level}@x>`,
        'Content-Type: multipart/mixed; boundary="b' + level + '"',
        "",
        `--b${level}`,
        "Content-Type: text/plain",
        "",
        `body ${level}`,
        `--b${level}`,
        "Content-Type: message/rfc822",
        "",
        inner,
        `--b${level}--`,
        "",
      ].join("\r\n");
    }
    const outcome = await parseMail(Buffer.from(inner), { work, limitBytes: 1024 * 1024, now });
    expect(outcome.mail?.subject).toBe("level 1");
    expect(outcome.mail?.forwarded.map((f) => f.messageId)).toEqual(["l2@x", "l3@x", "l4@x"]);
    expect(outcome.mail?.forwarded[2]?.text).toContain("deepest");

    const five = [`Subject: level 0`, 'Content-Type: multipart/mixed; boundary="b0"', "", "--b0", "Content-Type: message/rfc822", "", inner, "--b0--", ""].join("\r\n");
    const deeper = await parseMail(Buffer.from(five), { work, limitBytes: 1024 * 1024, now });
    expect(deeper.mail?.forwarded.map((f) => f.messageId)).toEqual(["l1@x", "l2@x", "l3@x"]);
    expect(deeper.mail?.attachments.map((a) => a.contentType)).toEqual(["message/rfc822"]);
  });

  test("a bounce names the original it returns (text/rfc822-headers)", async () => {
    const outcome = await parseMail(eml("bounce-delivery-status.eml"), { work, limitBytes: 1024 * 1024, now });
    expect(outcome.mail?.reportedMessageIds).toEqual(["original-1@frappe-email-account.local"]);
  });

  test("a mail arriving slowly but steadily is not cut off by the idle timeout", async () => {
    const raw = buildMail({ body: "x".repeat(2000) });
    async function* trickle(): AsyncGenerator<Buffer> {
      for (let offset = 0; offset < raw.length; offset += 200) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        yield raw.subarray(offset, offset + 200);
      }
    }
    const result = await parseMimeLevel(Readable.from(trickle()), new AttachmentSpool(work, 1024), work, 150);
    expect(result.error).toBeUndefined();
    expect(result.level?.text).toContain("x".repeat(2000));
  });

  test("a parse that makes no progress is abandoned, yet the source is read to its end", async () => {
    const raw = buildMail({ body: "slow" });
    let ended = false;
    let started = false;
    const slow = new Readable({
      read() {
        if (started) return;
        started = true;
        this.push(raw.subarray(0, 20));
        setTimeout(() => {
          this.push(raw.subarray(20));
          this.push(null);
          ended = true;
        }, 300);
      },
    });
    const result = await parseMimeLevel(slow, new AttachmentSpool(work, 1024), work, 50);
    expect(String(result.error)).toMatch(/made no progress for 0.05 seconds/);
    expect(ended).toBe(true);
    expect(result.capture.totalBytes).toBe(raw.length);
  });
});
