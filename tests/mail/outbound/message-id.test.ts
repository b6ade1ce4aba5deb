import { checkedMessageId, isSafeMessageId, makeMessageId, stripAngleBrackets } from "../../../src/mail/outbound/message-id";
import { ValidationError } from "../../../src/errors";

describe("makeMessageId (S9)", () => {
  it("is <centiseconds>.<pid>.<random 64-bit>@<site host>", () => {
    const id = makeMessageId("site.example.test", new Date(1_700_000_000_123), 4242);
    expect(id).toMatch(/^<170000000012\.4242\.\d{1,20}@site\.example\.test>$/);
    const random = BigInt(/\.(\d+)@/.exec(id)?.[1] ?? "0");
    expect(random < 2n ** 64n).toBe(true);
  });

  it("differs from one call to the next", () => {
    const now = new Date();
    expect(makeMessageId("h", now, 1)).not.toBe(makeMessageId("h", now, 1));
  });
});

describe("stripAngleBrackets / checkedMessageId", () => {
  it("stores ids without brackets, as Frappe", () => {
    expect(stripAngleBrackets(" <a.b@c> ")).toBe("a.b@c");
    expect(stripAngleBrackets("a.b@c")).toBe("a.b@c");
  });

  it("accepts a bare or bracketed id and refuses one that could break the header", () => {
    expect(checkedMessageId("<x.1@site>")).toBe("x.1@site");
    expect(() => checkedMessageId("x@site>\r\nBcc: evil@example.test")).toThrow(ValidationError);
    expect(() => checkedMessageId("no-at-sign")).toThrow(ValidationError);
    expect(() => checkedMessageId("a b@site")).toThrow(ValidationError);
    expect(isSafeMessageId("<ok@site>")).toBe(true);
    expect(isSafeMessageId("bad\n@site")).toBe(false);
  });
});
