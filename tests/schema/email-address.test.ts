import { escapeHtml, extractEmailId, findInvalidEmail, invalidEmailMessage, splitEmails } from "../../src/schema/email-address";

describe("splitEmails (frappe.utils.split_emails)", () => {
  it("splits on commas outside double quotes and drops blanks", () => {
    expect(splitEmails("a@x.com, b@x.com,,  ")).toEqual(["a@x.com", "b@x.com"]);
    expect(splitEmails('"Doe, John" <j@x.com>, k@x.com')).toEqual(['"Doe, John" <j@x.com>', "k@x.com"]);
    expect(splitEmails(null)).toEqual([]);
  });

  it("turns newlines into spaces first, so a newline alone does not separate (as in Frappe)", () => {
    expect(splitEmails("a@x.com\nb@x.com")).toEqual(["a@x.com b@x.com"]);
  });
});

describe("findInvalidEmail (frappe.utils.validate_email_address)", () => {
  it.each([
    ["support@example.com"],
    ["first.last+tag@mail.example.co.uk"],
    ["Ann Smith <ann@example.com>"],
    ["ANN@EXAMPLE.COM"],
    ["undisclosed-recipients:;"],
  ])("accepts %p", (text) => {
    expect(findInvalidEmail(text)).toBeUndefined();
  });

  it.each([
    ["not-an-email", "not-an-email"],
    ["a@b", "a@b"],
    ["a@x.com b@x.com", "a@x.com b@x.com"],
    ["@example.com", "@example.com"],
    ["ok@example.com, bad", "bad"],
    ["ok@example.com,", ""],
    ['"Doe, John" <j@x.com>', '"Doe'],
  ])("refuses %p, naming %p", (text, bad) => {
    expect(findInvalidEmail(text)).toBe(bad);
  });

  it("extracts the address of `Name <address>`", () => {
    expect(extractEmailId("Ann <ann@example.com>")).toBe("ann@example.com");
    expect(extractEmailId("<broken> ann@example.com")).toBe("ann@example.com");
    expect(extractEmailId("nothing")).toBe("nothing");
  });

  it("words the message as Frappe, with the value HTML-escaped", () => {
    expect(invalidEmailMessage("not-an-email")).toBe("not-an-email is not a valid Email Address");
    expect(invalidEmailMessage(`<img src=x onerror="a('b')">&`)).toBe("&lt;img src=x onerror=&quot;a(&apos;b&apos;)&quot;&gt;&amp; is not a valid Email Address");
    expect(escapeHtml("plain")).toBe("plain");
  });
});
