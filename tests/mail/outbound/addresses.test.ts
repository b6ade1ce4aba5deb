import { addressList, assertValidAddress, bareAddress, formatAddress, parseAddr, sameAddress } from "../../../src/mail/outbound/addresses";
import { InvalidEmailAddressError } from "../../../src/errors";

describe("parseAddr (Frappe's parse_addr)", () => {
  it("splits a display name and keeps only letters, digits, spaces and /_'", () => {
    expect(parseAddr("Jane Doe <jane@example.test>")).toEqual({ name: "Jane Doe", address: "jane@example.test" });
    expect(parseAddr('"O. Neil-Smith" <o@example.test>')).toEqual({ name: "O NeilSmith", address: "o@example.test" });
  });

  it("gives the address itself as the name when none is written", () => {
    expect(parseAddr("jane@example.test")).toEqual({ name: "jane@example.test", address: "jane@example.test" });
  });
});

describe("formatAddress (Python's formataddr)", () => {
  it("quotes a name with special characters and escapes quotes and backslashes", () => {
    expect(formatAddress("Support", "s@example.test")).toBe("Support <s@example.test>");
    expect(formatAddress("Doe, Jane", "j@example.test")).toBe('"Doe, Jane" <j@example.test>');
    expect(formatAddress('The "Best" Team', "t@example.test")).toBe('"The \\"Best\\" Team" <t@example.test>');
    expect(formatAddress("", "t@example.test")).toBe("t@example.test");
  });
});

describe("addressList / bareAddress / sameAddress", () => {
  it("splits on commas (and semicolons) outside quotes, drops empties and repeats", () => {
    expect(addressList('a@example.test; "Doe, Jane" <j@example.test>, ,a@example.test')).toEqual([
      "a@example.test",
      '"Doe, Jane" <j@example.test>',
    ]);
    expect(addressList([" b@example.test ", "", "b@example.test"])).toEqual(["b@example.test"]);
    expect(addressList(undefined)).toEqual([]);
  });

  it("compares mailboxes by address, without case", () => {
    expect(bareAddress("Jane <Jane@Example.test>")).toBe("Jane@Example.test");
    expect(sameAddress("Jane <Jane@Example.test>", "jane@example.test")).toBe(true);
  });
});

describe("assertValidAddress", () => {
  it("refuses bad formats and control characters with Frappe's message", () => {
    expect(() => assertValidAddress("not an address")).toThrow(new InvalidEmailAddressError("not an address is not a valid Email Address"));
    expect(() => assertValidAddress("Jane <jane@example.test>\nBcc: x@example.test")).toThrow(InvalidEmailAddressError);
    expect(() => assertValidAddress("Jane <jane@example.test>")).not.toThrow();
  });
});
