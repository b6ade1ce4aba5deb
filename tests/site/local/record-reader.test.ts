import BetterSqlite3 from "better-sqlite3";
import { DoesNotExistError } from "../../../src/errors";
import { emailAccount, openTestSite, type TestSite } from "./helpers";

describe("reading records back", () => {
  let site: TestSite;
  beforeEach(() => {
    site = openTestSite();
  });
  afterEach(() => site.cleanup());

  it("round-trips a record with its child rows in Frappe's GET shape", () => {
    const doc = emailAccount("Capture Support", {
      domain: "capture.example.test",
      enable_incoming: 1,
      use_imap: 1,
      email_server: "127.0.0.1",
      smtp_port: 18025,
      imap_folder: [
        { folder_name: "INBOX", append_to: "ToDo" },
        { folder_name: "Archive", uidvalidity: "42" },
      ],
    });
    site.store.insert(doc);
    const loaded = site.store.load("Email Account", "Capture Support");

    expect(Object.keys(loaded ?? {}).slice(0, 9)).toEqual([
      "name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "email_id", "email_account_name",
    ]);
    expect(Object.keys(loaded ?? {}).slice(-2)).toEqual(["doctype", "imap_folder"]);
    expect(loaded).toMatchObject({
      name: "Capture Support",
      doctype: "Email Account",
      creation: doc.creation,
      modified: doc.modified,
      enable_incoming: 1,
      use_imap: 1,
      email_server: "127.0.0.1",
      // A Data column keeps text, as MariaDB's varchar does.
      smtp_port: "18025",
      // Check fields the record left out are stored as 0, like Frappe's get_valid_dict.
      enable_outgoing: 0,
      uidnext: 0,
      service: "",
    });
    const rows = loaded?.imap_folder as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.folder_name, r.idx])).toEqual([["INBOX", 1], ["Archive", 2]]);
    expect(rows[0]).toMatchObject({ doctype: "IMAP Folder", parent: "Capture Support", parentfield: "imap_folder", parenttype: "Email Account", append_to: "ToDo" });
    expect(Object.keys(rows[0] ?? {}).slice(-4)).toEqual(["parent", "parentfield", "parenttype", "doctype"]);
  });

  it("omits NULL columns, as a site's JSON omits None", () => {
    site.store.insert(emailAccount("Sparse"));
    const loaded = site.store.load("Email Account", "Sparse") ?? {};
    expect(loaded).not.toHaveProperty("domain");
    expect(loaded).not.toHaveProperty("password");
    expect(loaded).not.toHaveProperty("_user_tags");
    expect(Object.values(loaded).includes(null)).toBe(false);
  });

  it("orders child rows by idx, not by insertion order", () => {
    site.store.insert(emailAccount("Ordered", { imap_folder: [{ folder_name: "third", idx: 3 }, { folder_name: "first", idx: 1 }, { folder_name: "second", idx: 2 }] }));
    const rows = site.store.load("Email Account", "Ordered")?.imap_folder as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.folder_name)).toEqual(["first", "second", "third"]);
  });

  it("stores child rows in the child DocType's own table", () => {
    site.store.insert(emailAccount("Tabled", { imap_folder: [{ folder_name: "INBOX" }] }));
    site.store.checkpoint();
    const db = new BetterSqlite3(site.file, { readonly: true });
    try {
      const row = db.prepare(`SELECT parent, parentfield, parenttype, idx, folder_name FROM "tabIMAP Folder"`).get();
      expect(row).toEqual({ parent: "Tabled", parentfield: "imap_folder", parenttype: "Email Account", idx: 1, folder_name: "INBOX" });
    } finally {
      db.close();
    }
  });

  it("finds names case-insensitively and answers with the stored spelling, as MariaDB does", () => {
    site.store.insert(emailAccount("Capture Sales"));
    expect(site.store.exists("Email Account", "capture sales")).toBe(true);
    expect(site.store.load("Email Account", "CAPTURE SALES")?.name).toBe("Capture Sales");
  });

  it("answers undefined / false for a missing record", () => {
    expect(site.store.load("Email Account", "No Such Account")).toBeUndefined();
    expect(site.store.exists("Email Account", "No Such Account")).toBe(false);
  });

  it("refuses an unknown DocType with Frappe's message", () => {
    expect(() => site.store.load("No Such DocType", "x")).toThrow(DoesNotExistError);
    expect(() => site.store.load("No Such DocType", "x")).toThrow("DocType No Such DocType not found");
    expect(() => site.store.exists("No Such DocType", "x")).toThrow("DocType No Such DocType not found");
  });
});
