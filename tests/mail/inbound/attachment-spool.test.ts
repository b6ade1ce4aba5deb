import { attachmentFilename, attachmentLimitBytes, describeBytes, isEmbeddedMessage } from "../../../src/mail/inbound/attachment-spool";

describe("attachment helpers", () => {
  test("P21: attachment_limit in MB; 0, empty or nonsense means 25 MB", () => {
    expect(attachmentLimitBytes(10)).toBe(10 * 1024 * 1024);
    expect(attachmentLimitBytes("3")).toBe(3 * 1024 * 1024);
    for (const none of [0, "", null, undefined, "x", -5]) expect(attachmentLimitBytes(none)).toBe(25 * 1024 * 1024);
  });

  test("P11 names: line breaks removed; a missing name is random with an extension for its type", () => {
    expect(attachmentFilename("long\r\nname.pdf", "application/pdf")).toBe("long name.pdf");
    expect(attachmentFilename(undefined, "image/png")).toMatch(/^[a-z0-9]{7}\.png$/);
    expect(attachmentFilename("  ", "application/x-unknown")).toMatch(/^[a-z0-9]{7}\.bin$/);
  });

  test("sizes read as bytes, KB or MB; forwarded mails are message/rfc822 or message/global", () => {
    expect([describeBytes(12), describeBytes(2048), describeBytes(5 * 1024 * 1024)]).toEqual(["12 bytes", "2.0 KB", "5.0 MB"]);
    expect([isEmbeddedMessage("message/rfc822"), isEmbeddedMessage("MESSAGE/GLOBAL"), isEmbeddedMessage("text/rfc822-headers")]).toEqual([true, true, false]);
  });
});
