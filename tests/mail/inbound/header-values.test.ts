import { MailParser, type Headers } from "mailparser";
import {
  firstMessageId,
  frappeDatetime,
  headerFromRawText,
  mailDate,
  messageIds,
  referenceIds,
  storedSubject,
} from "../../../src/mail/inbound/header-values";

/** The top-level headers of a raw mail, as mailparser's streaming parser decodes them. */
async function headersOf(raw: string): Promise<Headers> {
  const parser = new MailParser();
  const headers = new Promise<Headers>((resolve) => parser.once("headers", resolve));
  parser.on("data", () => undefined);
  parser.end(Buffer.from(raw.replace(/\n/g, "\r\n")));
  return headers;
}

describe("header values (P11)", () => {
  test("H8: a subject keeps every encoded word, in windows-1252, ISO-2022-JP and UTF-8", async () => {
    const headers = await headersOf(
      "Subject: =?windows-1252?Q?=93Caf=E9=94?= =?ISO-2022-JP?B?GyRCJEckOSQrGyhC?=\n =?UTF-8?B?IPCfmIM=?= plain\n\nbody\n",
    );
    expect(storedSubject(String(headers.get("subject")))).toBe("“Café”ですか 😃 plain");
  });

  test("storedSubject trims, flattens line breaks, cuts at 140 characters (code points) and falls back to No Subject", () => {
    expect(storedSubject("  Hello\r\n\tworld  ")).toBe("Hello world");
    expect(storedSubject("😃".repeat(150))).toBe("😃".repeat(140));
    expect(storedSubject(" \t ")).toBe("No Subject");
    expect(storedSubject("")).toBe("No Subject");
  });

  test("Message-IDs lose their angle brackets; several ids and bare ids are all read", () => {
    expect(messageIds("<a@x>")).toEqual(["a@x"]);
    expect(messageIds("<a@x> (comment) <b@y>")).toEqual(["a@x", "b@y"]);
    expect(messageIds("bare@id")).toEqual(["bare@id"]);
    expect(messageIds(["<a@x>", "<b@y>"])).toEqual(["a@x", "b@y"]);
    expect(messageIds("")).toEqual([]);
  });

  test("firstMessageId and referenceIds read the parsed headers", async () => {
    const headers = await headersOf("Message-ID: <m@x>\nIn-Reply-To: <p@x>\nReferences: <r1@x>\n <r2@x> <p@x>\n\nbody\n");
    expect(firstMessageId(headers, "message-id")).toBe("m@x");
    expect(firstMessageId(headers, "in-reply-to")).toBe("p@x");
    expect(firstMessageId(headers, "x-missing")).toBe("");
    expect(referenceIds(headers)).toEqual(["r1@x", "r2@x", "p@x"]);
  });

  test("mailDate: the Date header; missing, unparsable or future -> now", async () => {
    const now = new Date("2024-06-10T12:00:00Z");
    expect(mailDate(await headersOf("Date: Mon, 03 Jun 2024 09:15:00 +0200\n\nx\n"), now).toISOString()).toBe("2024-06-03T07:15:00.000Z");
    expect(mailDate(await headersOf("Subject: no date\n\nx\n"), now)).toBe(now);
    expect(mailDate(await headersOf("Date: Tue, 01 Jan 2030 00:00:00 +0000\n\nx\n"), now)).toBe(now);
    expect(mailDate(await headersOf("Date: garbage\n\nx\n"), now)).toBe(now);
  });

  test("frappeDatetime is the site's local time without fractions", () => {
    const date = new Date(2024, 0, 2, 3, 4, 5, 678);
    expect(frappeDatetime(date)).toBe("2024-01-02 03:04:05");
  });

  test("headerFromRawText reads one header of a raw header section, unfolded, case-insensitively", () => {
    const raw = "From: a@x\r\nmessage-ID:\r\n <folded@x>\r\nSubject: s\r\n\r\nMessage-ID: <in-body@x>\r\n";
    expect(headerFromRawText(raw, "Message-ID")).toBe("<folded@x>");
    expect(headerFromRawText("no headers here", "Message-ID")).toBe("");
  });
});
