import { rewriteSender } from "../../../src/mail/outbound/sender-rewrite";
import { InvalidEmailAddressError } from "../../../src/errors";

const account = (flags: Record<string, number> = {}) => ({
  doctype: "Email Account",
  name: "Support",
  email_id: "support@example.test",
  ...flags,
});

describe("rewriteSender (S8)", () => {
  it("keeps the sender when no account flag is on", () => {
    expect(rewriteSender("Jane Doe <jane@customer.test>", account())).toEqual({
      text: "Jane Doe <jane@customer.test>",
      from: { name: "Jane Doe", address: "jane@customer.test" },
    });
  });

  it("always_use_account_email_id_as_sender: the account's address, the sender's name kept, X-Original-From set", () => {
    const out = rewriteSender("Jane Doe <jane@customer.test>", account({ always_use_account_email_id_as_sender: 1 }));
    expect(out.text).toBe("Jane Doe <support@example.test>");
    expect(out.from).toEqual({ name: "Jane Doe", address: "support@example.test" });
    expect(out.originalFrom).toBe("Jane Doe <jane@customer.test>");
  });

  it("a sender without a name keeps its address as the display name, as Frappe's parse_addr does", () => {
    const out = rewriteSender("jane@customer.test", account({ always_use_account_email_id_as_sender: 1 }));
    expect(out.text).toBe('"jane@customer.test" <support@example.test>');
  });

  it("always_use_account_name_as_sender_name: the account's name, the address kept", () => {
    expect(rewriteSender("Jane <jane@customer.test>", account({ always_use_account_name_as_sender_name: 1 })).text).toBe("Support <jane@customer.test>");
  });

  it("both flags: the account's name and address; X-Original-From keeps the sender as given", () => {
    const out = rewriteSender("Jane <jane@customer.test>", account({ always_use_account_email_id_as_sender: 1, always_use_account_name_as_sender_name: 1 }));
    expect(out.text).toBe("Support <support@example.test>");
    expect(out.originalFrom).toBe("Jane <jane@customer.test>");
  });

  it("an account name with a line break cannot inject a header", () => {
    const out = rewriteSender("jane@customer.test", { ...account({ always_use_account_name_as_sender_name: 1 }), name: "Support\r\nBcc: evil@example.test" });
    expect(out.text).toBe('"SupportBcc: evil@example.test" <jane@customer.test>');
    expect(out.text).not.toMatch(/[\r\n]/);
  });

  it("refuses a sender with a line break", () => {
    expect(() => rewriteSender("Jane <jane@customer.test>\r\nBcc: evil@example.test", account())).toThrow(InvalidEmailAddressError);
  });
});
