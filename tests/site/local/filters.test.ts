import { DataError, ValidationError } from "../../../src/errors";
import { normaliseFilters } from "../../../src/site/local/filters";
import { emailAccount, openTestSite, type TestSite } from "./helpers";

describe("normaliseFilters", () => {
  it("reads Frappe's dict and list forms as [doctype, field, operator, value]", () => {
    expect(normaliseFilters("Email Account", { enable_outgoing: 0, email_id: ["like", "%x%"] })).toEqual([
      { doctype: "Email Account", field: "enable_outgoing", operator: "=", value: 0 },
      { doctype: "Email Account", field: "email_id", operator: "like", value: "%x%" },
    ]);
    expect(normaliseFilters("Email Account", [["uidnext", ">", 3], ["IMAP Folder", "folder_name", "NOT IN", "a,b"]])).toEqual([
      { doctype: "Email Account", field: "uidnext", operator: ">", value: 3 },
      { doctype: "IMAP Folder", field: "folder_name", operator: "not in", value: "a,b" },
    ]);
  });

  it("refuses an unknown operator and a malformed condition", () => {
    expect(() => normaliseFilters("Email Account", [["name", "regexp", "x"]])).toThrow(ValidationError);
    expect(() => normaliseFilters("Email Account", [["name", "regexp", "x"]])).toThrow(/^Operator must be one of =, !=, >, <, >=, <=, like, not like, in, not in, is, between$/);
    expect(() => normaliseFilters("Email Account", [["name", "x"]] as never)).toThrow(DataError);
  });
});

describe("list() and count() filters", () => {
  let site: TestSite;
  const names = (filters: unknown) =>
    site.store
      .list("Email Account", { filters: filters as never, orderBy: "name asc", limit: 0 })
      .map((r) => r.name);

  beforeAll(() => {
    site = openTestSite();
    site.store.insert(emailAccount("Capture Sales", { email_id: "sales@capture.example.test", enable_outgoing: 1, uidnext: 5, signature: "Regards", creation: "2026-11-27 09:00:00.000000" }));
    site.store.insert(emailAccount("Capture Support", { email_id: "support@capture.example.test", uidnext: 10, signature: "", creation: "2026-11-28 10:00:00.000000", imap_folder: [{ folder_name: "INBOX" }] }));
    site.store.insert(emailAccount("Notifications", { email_id: "notifications@example.com", uidnext: 0, creation: "2026-11-29 11:00:00.000000", imap_folder: [{ folder_name: "Alerts" }] }));
  });
  afterAll(() => site.cleanup());

  it("= in the dict form, and the list forms with and without the doctype", () => {
    expect(names({ enable_outgoing: 0 })).toEqual(["Capture Support", "Notifications"]);
    expect(names([["enable_outgoing", "=", 1]])).toEqual(["Capture Sales"]);
    expect(names([["Email Account", "email_id", "like", "%capture.example.test"]])).toEqual(["Capture Sales", "Capture Support"]);
  });

  it("compares text case-insensitively, as MariaDB's collation does", () => {
    expect(names({ email_account_name: "capture sales" })).toEqual(["Capture Sales"]);
    expect(names([["email_id", "like", "SALES@%"]])).toEqual(["Capture Sales"]);
  });

  it("!= counts an empty (NULL) cell as '', like Frappe's ifnull()", () => {
    expect(names([["signature", "!=", "Regards"]])).toEqual(["Capture Support", "Notifications"]);
    expect(names([["signature", "=", ""]])).toEqual(["Capture Support", "Notifications"]);
    expect(names({ signature: ["!=", ""] })).toEqual(["Capture Sales"]);
  });

  it(">, <, >=, <= on numbers", () => {
    expect(names([["uidnext", ">", 0]])).toEqual(["Capture Sales", "Capture Support"]);
    expect(names([["uidnext", "<", "10"]])).toEqual(["Capture Sales", "Notifications"]);
    expect(names([["uidnext", ">=", 10]])).toEqual(["Capture Support"]);
    expect(names({ uidnext: ["<=", 5] })).toEqual(["Capture Sales", "Notifications"]);
  });

  it("like and not like", () => {
    expect(names({ email_id: ["not like", "%capture%"] })).toEqual(["Notifications"]);
    expect(names([["email_account_name", "like", "Capture%"]])).toEqual(["Capture Sales", "Capture Support"]);
  });

  it("in and not in, with arrays or comma strings", () => {
    expect(names([["name", "in", ["Capture Sales", "Notifications"]]])).toEqual(["Capture Sales", "Notifications"]);
    expect(names([["name", "in", "Capture Sales, Notifications"]])).toEqual(["Capture Sales", "Notifications"]);
    expect(names({ name: ["not in", ["Capture Sales"]] })).toEqual(["Capture Support", "Notifications"]);
    expect(names({ uidnext: ["in", [0, 10]] })).toEqual(["Capture Support", "Notifications"]);
    expect(names({ name: ["in", []] })).toEqual([]);
  });

  it("is set / is not set", () => {
    expect(names({ signature: ["is", "set"] })).toEqual(["Capture Sales"]);
    expect(names({ signature: ["is", "not set"] })).toEqual(["Capture Support", "Notifications"]);
    expect(names({ uidnext: ["is", "set"] })).toEqual(["Capture Sales", "Capture Support"]);
    expect(() => names({ signature: ["is", "maybe"] })).toThrow(ValidationError);
  });

  it("between numbers, and between dates on a datetime column taking whole days", () => {
    expect(names({ uidnext: ["between", [1, 10]] })).toEqual(["Capture Sales", "Capture Support"]);
    expect(names([["creation", "between", ["2026-11-27", "2026-11-28"]]])).toEqual(["Capture Sales", "Capture Support"]);
    expect(names([["creation", "between", ["2026-11-28 10:00:00.000001", "2026-11-30"]]])).toEqual(["Notifications"]);
    expect(() => names({ uidnext: ["between", [1]] })).toThrow(ValidationError);
  });

  it("several conditions all apply", () => {
    expect(names([["email_id", "like", "%capture%"], ["uidnext", ">", 5]])).toEqual(["Capture Support"]);
  });

  it("a condition on a child DocType finds the records having such a row", () => {
    expect(names([["IMAP Folder", "folder_name", "=", "INBOX"]])).toEqual(["Capture Support"]);
    expect(names([["IMAP Folder", "folder_name", "in", ["INBOX", "Alerts"]]])).toEqual(["Capture Support", "Notifications"]);
    expect(() => names([["Email Domain", "domain_name", "=", "x"]])).toThrow("Field not permitted in query: domain_name");
    expect(() => names([["IMAP Folder", "no_such_field", "=", "x"]])).toThrow("Field not permitted in query: no_such_field");
  });

  it("refuses a filter on a field that is not a column", () => {
    expect(() => names({ no_such_field: 1 })).toThrow(DataError);
  });

  it("count() takes the same filters", () => {
    expect(site.store.count("Email Account")).toBe(3);
    expect(site.store.count("Email Account", { enable_outgoing: 0 })).toBe(2);
    expect(site.store.count("Email Account", [["IMAP Folder", "folder_name", "like", "%"]])).toBe(2);
    expect(() => site.store.count("No Such DocType")).toThrow("DocType No Such DocType not found");
  });
});
