import { assertNoControlCharacters, cleanHeaderText, hasControlCharacters } from "../../../src/mail/outbound/header-safety";
import { InvalidEmailAddressError } from "../../../src/errors";

describe("cleanHeaderText", () => {
  it("removes line boundaries as Frappe's sanitize_email_header does (joined, not replaced)", () => {
    expect(cleanHeaderText("Hello\r\nBcc: evil@example.test")).toBe("HelloBcc: evil@example.test");
    expect(cleanHeaderText("a\u2028b\u0085c\vd\fe\u001cf")).toBe("abcdef");
  });

  it("drops other control characters and turns tabs into spaces", () => {
    expect(cleanHeaderText("a\u0000b\u0007c\td")).toBe("abc d");
    expect(cleanHeaderText("Grüße – ok")).toBe("Grüße – ok");
  });
});

describe("assertNoControlCharacters", () => {
  it("refuses an address with a line break with Frappe's invalid-address error", () => {
    expect(hasControlCharacters("jane@example.test\r\nBcc: x@y.test")).toBe(true);
    expect(() => assertNoControlCharacters("jane@example.test\r\nBcc: x@y.test", "recipients")).toThrow(InvalidEmailAddressError);
    expect(() => assertNoControlCharacters("jane@example.test\r\nBcc: x@y.test")).toThrow(
      "jane@example.testBcc: x@y.test is not a valid Email Address",
    );
    expect(() => assertNoControlCharacters("Jane <jane@example.test>")).not.toThrow();
  });
});
