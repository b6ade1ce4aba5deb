import { parseAutomaticLinkAddress } from "../../controllers/communication";
import { getAddresses, parseAddr } from "../../controllers/communication/addresses";
import { emailWithoutLink, parseAutomaticLinks } from "../../controllers/communication/automatic-linking";
import { contactFirstNameFor } from "../../controllers/communication/contacts";
import { pythonTitle, stripHtml, unquote, unscrub } from "../../controllers/communication/text";

describe("P18 automatic link addresses", () => {
  test("P18 `name+DocType+DocName@host` names (DocType, DocName), URL-decoded", () => {
    expect(parseAutomaticLinkAddress("erp+Customer+that%20company@example.org")).toEqual({ doctype: "Customer", docname: "that company" });
    expect(parseAutomaticLinkAddress("jane.doe+A+Test@example.org")).toEqual({ doctype: "A", docname: "Test" });
  });

  test("P18 `name+DocType=DocName@host` splits at the first `=` and unscrubs the DocType", () => {
    expect(parseAutomaticLinkAddress("max.muss+Note=Very%20important@examle.org")).toEqual({ doctype: "Note", docname: "Very important" });
    expect(parseAutomaticLinkAddress("erp+sales_invoice=SINV-1=2@example.org")).toEqual({ doctype: "Sales Invoice", docname: "SINV-1=2" });
  });

  test("P18 deviation: the desk's own address `+ToDo=name` keeps the DocType as written (v15 unscrubs it to 'Todo')", () => {
    expect(parseAutomaticLinkAddress("support+ToDo=abc123@example.org")).toEqual({ doctype: "ToDo", docname: "abc123" });
    expect(parseAutomaticLinkAddress("support+Job%20Applicant=HR-APP-1@example.org")).toEqual({ doctype: "Job Applicant", docname: "HR-APP-1" });
  });

  test("P18 plain addresses and other shapes name no document", () => {
    expect(parseAutomaticLinkAddress("jon.doe@example.org")).toBeNull();
    expect(parseAutomaticLinkAddress("jon+doe@example.org")).toBeNull();
    expect(parseAutomaticLinkAddress("a+b+c+d@example.org")).toBeNull();
    expect(parseAutomaticLinkAddress("erp+Customer+@example.org")).toBeNull();
  });

  test("P18 links are read from every recipients / cc / bcc text, display names included (Frappe's test cases)", () => {
    const to = "jane.doe+A+Test@example.org";
    const bcc = "=?UTF-8?Q?Max_Mu=C3=9F?= <max.muss+Note=Very%20important@examle.org>";
    expect(parseAutomaticLinks([to, "", bcc])).toEqual([
      { doctype: "A", docname: "Test" },
      { doctype: "Note", docname: "Very important" },
    ]);
    expect(parseAutomaticLinks(["Jon Doe <jon.doe@example.org>", null, undefined])).toEqual([]);
  });

  test("P19 with automatic linking the `+...` part is removed from an address", () => {
    expect(emailWithoutLink("admin+Customer+ACME@example.com")).toBe("admin@example.com");
    expect(emailWithoutLink("admin@example.com")).toBe("admin@example.com");
    expect(emailWithoutLink("not-an-address")).toBe("not-an-address");
  });
});

describe("address texts", () => {
  test("P19 addresses come out of display-name forms, quoted commas included (Frappe's get_emails test)", () => {
    expect(getAddresses(["comm_recipient+DocType+DocName@example.com", '"First, LastName" <first.lastname@email.com>', "test@user.com"])).toEqual([
      "comm_recipient+DocType+DocName@example.com",
      "first.lastname@email.com",
      "test@user.com",
    ]);
    expect(getAddresses(["a@example.com,\n\tB <b@example.com>", null])).toEqual(["a@example.com", "b@example.com"]);
  });

  test("P18 parse_addr splits `Name <addr>`; a bare address is its own name", () => {
    expect(parseAddr('"Jane Doe" <jane@example.org>')).toEqual({ name: "Jane Doe", email: "jane@example.org" });
    expect(parseAddr("jane@example.org")).toEqual({ name: "jane@example.org", email: "jane@example.org" });
  });
});

describe("text helpers with Python semantics", () => {
  test("P19 a new Contact's first name: `_` and `-` become spaces, title case, dots kept; `Contact` gets the domain", () => {
    expect(contactFirstNameFor("john_smith-jr@example.org")).toBe("John Smith Jr");
    expect(contactFirstNameFor("jane.doe@example.org")).toBe("Jane.Doe");
    expect(contactFirstNameFor("contact@acme.org")).toBe("Contact-acme.org");
    expect(contactFirstNameFor("SALES@acme.org")).toBe("Sales");
  });

  test("Python's str.title and Frappe's unscrub", () => {
    expect(pythonTitle("o'neil mc2x")).toBe("O'Neil Mc2X");
    expect(unscrub("sales_invoice")).toBe("Sales Invoice");
    expect(unscrub("ToDo")).toBe("Todo");
  });

  test("urllib's unquote decodes UTF-8 runs and leaves `+` and stray `%` alone", () => {
    expect(unquote("Mu%C3%9F+x%20y%zz")).toBe("Muß+x y%zz");
  });

  test("strip_html removes tags", () => {
    expect(stripHtml("<p>Hello <b>world</b></p>")).toBe("Hello world");
  });
});
