import { parseAddressHeader } from "mailparser";
import { formatMailboxes, mailboxes, parseMailbox } from "../../../src/mail/inbound/mailboxes";

describe("address parsing", () => {
  test("parseMailbox decodes encoded display names and keeps the address as written", () => {
    expect(parseMailbox("=?utf-8?q?Ren=C3=A9_D=C3=BCrr?= <Rene@Example.org>")).toEqual({ name: "René Dürr", address: "Rene@Example.org" });
    expect(parseMailbox("plain@example.org")).toEqual({ name: "", address: "plain@example.org" });
    expect(parseMailbox("   ")).toBeUndefined();
  });

  test("mailboxes flattens groups and several headers", () => {
    const list = mailboxes([parseAddressHeader("Team: a@x.org, B <b@x.org>;"), parseAddressHeader("c@x.org")]);
    expect(list.map((box) => box.address)).toEqual(["a@x.org", "b@x.org", "c@x.org"]);
  });

  test("formatMailboxes quotes names that carry address syntax, so the list can be split again", () => {
    expect(
      formatMailboxes([
        { name: "Boss, The", address: "boss@x.org" },
        { name: "Jörg", address: "j@x.org" },
        { name: 'Say "hi"', address: "q@x.org" },
        { name: "", address: "bare@x.org" },
      ]),
    ).toBe('"Boss, The" <boss@x.org>, Jörg <j@x.org>, "Say \\"hi\\"" <q@x.org>, bare@x.org');
  });
});
