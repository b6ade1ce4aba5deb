import { DataError } from "../../../src/errors";
import { emailAccount, openTestSite, type TestSite } from "./helpers";

describe("list(): fields, order, limit and start", () => {
  let site: TestSite;
  beforeEach(() => {
    site = openTestSite();
  });
  afterEach(() => site.cleanup());

  function insertMany(count: number): void {
    for (let i = 1; i <= count; i++) site.store.insert(emailAccount(`Account ${String(i).padStart(2, "0")}`, { uidnext: i }));
  }

  it("returns names only, newest modified first, 20 rows by default", () => {
    insertMany(25);
    const rows = site.store.list("Email Account");
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual({ name: "Account 25" });
    expect(rows[19]).toEqual({ name: "Account 06" });
  });

  it("returns every row with limit 0, and pages with limit and start", () => {
    insertMany(25);
    expect(site.store.list("Email Account", { limit: 0 })).toHaveLength(25);
    const page = site.store.list("Email Account", { orderBy: "name asc", limit: 5, start: 10 });
    expect(page.map((r) => r.name)).toEqual(["Account 11", "Account 12", "Account 13", "Account 14", "Account 15"]);
    expect(site.store.list("Email Account", { orderBy: "name asc", limit: 0, start: 23 }).map((r) => r.name)).toEqual(["Account 24", "Account 25"]);
  });

  it('expands "*" to the standard and field columns in table order, NULLs included, as a site answers', () => {
    site.store.insert(emailAccount("Capture Sales"));
    const [row] = site.store.list("Email Account", { fields: ["*"] });
    expect(Object.keys(row ?? {}).slice(0, 10)).toEqual([
      "name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "email_id", "email_account_name", "domain",
    ]);
    expect(row).toMatchObject({ domain: null, password: null, enable_outgoing: 0 });
    expect(row).not.toHaveProperty("_user_tags");
    expect(row).not.toHaveProperty("imap_folder");
  });

  it("returns the asked fields, in qualified forms too", () => {
    site.store.insert(emailAccount("Capture Sales", { enable_incoming: 1 }));
    const rows = site.store.list("Email Account", { fields: ["name", "`email_id`", "`tabEmail Account`.`enable_incoming`", "modified"] });
    expect(Object.keys(rows[0] ?? {})).toEqual(["name", "email_id", "enable_incoming", "modified"]);
  });

  it("refuses a field that is not a column with Frappe's DataError", () => {
    expect(() => site.store.list("Email Account", { fields: ["name", "no_such_field"] })).toThrow(DataError);
    expect(() => site.store.list("Email Account", { fields: ["name", "no_such_field"] })).toThrow("Field not permitted in query: no_such_field");
    expect(() => site.store.list("Email Account", { fields: ["imap_folder"] })).toThrow("Field not permitted in query: imap_folder");
    expect(() => site.store.list("Email Account", { fields: ["`tabEmail Domain`.`name`"] })).toThrow(DataError);
  });

  it("orders by one or several validated columns", () => {
    site.store.insert(emailAccount("B", { uidnext: 1 }));
    site.store.insert(emailAccount("A", { uidnext: 1 }));
    site.store.insert(emailAccount("C", { uidnext: 0 }));
    expect(site.store.list("Email Account", { orderBy: "email_account_name asc" }).map((r) => r.name)).toEqual(["A", "B", "C"]);
    expect(site.store.list("Email Account", { orderBy: "uidnext desc, name desc" }).map((r) => r.name)).toEqual(["B", "A", "C"]);
    expect(site.store.list("Email Account", { orderBy: "`tabEmail Account`.`creation` ASC" }).map((r) => r.name)).toEqual(["B", "A", "C"]);
    expect(() => site.store.list("Email Account", { orderBy: "no_such_field desc" })).toThrow("Field not permitted in query: no_such_field");
  });

  it("reads a child DocType's rows like any table", () => {
    site.store.insert(emailAccount("Parent", { imap_folder: [{ folder_name: "INBOX" }, { folder_name: "Sent" }] }));
    const rows = site.store.list("IMAP Folder", { fields: ["folder_name", "parent", "idx"], filters: { parent: "Parent" }, orderBy: "idx asc" });
    expect(rows).toEqual([
      { folder_name: "INBOX", parent: "Parent", idx: 1 },
      { folder_name: "Sent", parent: "Parent", idx: 2 },
    ]);
  });

  describe("SQL injection attempts are refused, never run", () => {
    beforeEach(() => site.store.insert(emailAccount("Victim")));
    afterEach(() => expect(site.store.count("Email Account")).toBe(1));

    it.each([
      'name; DROP TABLE "tabEmail Account"',
      "name from sqlite_master --",
      "(select password from __Auth)",
      "count(*)",
      'name", "owner',
    ])("in fields: %s", (field) => {
      expect(() => site.store.list("Email Account", { fields: [field] })).toThrow(DataError);
    });

    it.each([
      'name; DROP TABLE "tabEmail Account"',
      "(select 1)",
      "name desc --",
      "name asc, (CASE WHEN 1=1 THEN name END)",
      "random()",
    ])("in orderBy: %s", (orderBy) => {
      expect(() => site.store.list("Email Account", { orderBy })).toThrow(DataError);
    });

    it("in a filter's field name", () => {
      expect(() => site.store.list("Email Account", { filters: { "name = name OR 1=1 --": "x" } })).toThrow("Field not permitted in query: name = name OR 1=1 --");
      expect(() => site.store.list("Email Account", { filters: [["name) OR (1=1", "=", "x"]] })).toThrow(DataError);
    });

    it("in a filter's value, which is only ever a bound parameter", () => {
      expect(site.store.list("Email Account", { filters: { name: "x' OR '1'='1" } })).toEqual([]);
      expect(site.store.list("Email Account", { filters: [["name", "in", ["x') OR 1=1 --"]]] })).toEqual([]);
      expect(site.store.list("Email Account", { filters: [["name", "like", "%'; DROP TABLE \"tabEmail Account\"; --"]] })).toEqual([]);
    });
  });
});
