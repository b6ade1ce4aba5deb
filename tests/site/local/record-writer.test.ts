import type { Doc } from "../../../src/core/doc";
import { DataError, DoesNotExistError, DuplicateEntryError, TimestampMismatchError, UniqueValidationError } from "../../../src/errors";
import { emailAccount, openTestSite, type TestSite } from "./helpers";

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected an error");
}

describe("writing records", () => {
  let site: TestSite;
  beforeEach(() => {
    site = openTestSite();
  });
  afterEach(() => site.cleanup());

  describe("insert", () => {
    it("refuses a second record of the same name with Frappe's DuplicateEntryError", () => {
      site.store.insert(emailAccount("Capture Sales"));
      const err = caught(() => site.store.insert(emailAccount("Capture Sales", { email_id: "other@capture.example.test" })));
      expect(err).toBeInstanceOf(DuplicateEntryError);
      expect(err).toMatchObject({
        message: "Email Account <strong>Capture Sales</strong> already exists",
        title: "Duplicate Name",
        httpStatus: 409,
        doctype: "Email Account",
        docname: "Capture Sales",
      });
    });

    it("treats names differing only in case as the same name, as MariaDB does", () => {
      site.store.insert(emailAccount("Capture Sales"));
      expect(() => site.store.insert(emailAccount("capture sales", { email_id: "x@capture.example.test" }))).toThrow(DuplicateEntryError);
    });

    it("refuses a unique field's value another record holds with '{label} must be unique'", () => {
      site.store.insert(emailAccount("First", { email_id: "shared@capture.example.test" }));
      const err = caught(() => site.store.insert(emailAccount("Second", { email_id: "shared@capture.example.test" })));
      expect(err).toBeInstanceOf(UniqueValidationError);
      expect(err).toMatchObject({ message: "Email Address must be unique", field: "email_id", excType: "UniqueValidationError" });
    });

    it("lets many records leave a unique field empty (stored as NULL)", () => {
      site.store.insert({ doctype: "Email Account", name: "A", email_id: "" });
      site.store.insert({ doctype: "Email Account", name: "B", email_id: "  " });
      site.store.insert({ doctype: "Email Account", name: "C" });
      expect(site.store.count("Email Account", [["email_id", "is", "not set"]])).toBe(3);
    });

    it("fills child row names ([0-9a-z]{10}), parent columns and idx, and shows them on the given doc", () => {
      const doc = emailAccount("Named", { imap_folder: [{ folder_name: "INBOX" }, { folder_name: "Sent", name: "keepme" }] });
      site.store.insert(doc);
      const rows = doc.imap_folder as Doc[];
      expect(rows[0]?.name).toMatch(/^[0-9a-z]{10}$/);
      expect(rows[1]?.name).toBe("keepme");
      expect(rows[0]).toMatchObject({ parent: "Named", parentfield: "imap_folder", parenttype: "Email Account", idx: 1, doctype: "IMAP Folder" });
      expect(rows[0]).toMatchObject({ owner: doc.owner, creation: doc.creation, modified: doc.modified });
    });

    it("writes nothing when a child row fails, and leaves the given doc untouched", () => {
      site.store.insert(emailAccount("Holder", { imap_folder: [{ name: "row0000001", folder_name: "INBOX" }] }));
      const doc = emailAccount("Clashing Child", { imap_folder: [{ folder_name: "ok" }, { name: "row0000001", folder_name: "clash" }] });
      const before = structuredClone(doc);
      expect(() => site.store.insert(doc)).toThrow(DuplicateEntryError);
      expect(site.store.exists("Email Account", "Clashing Child")).toBe(false);
      expect(site.store.count("IMAP Folder", { parent: "Clashing Child" })).toBe(0);
      expect(doc).toEqual(before);
    });

    it("fills missing standard columns the way db_insert does", () => {
      site.store.insert({ doctype: "Email Domain", name: "bare.example.test", domain_name: "bare.example.test" });
      const loaded = site.store.load("Email Domain", "bare.example.test");
      expect(loaded).toMatchObject({ owner: "Administrator", modified_by: "Administrator", docstatus: 0, idx: 0 });
      expect(loaded?.creation).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
      expect(loaded?.modified).toBe(loaded?.creation);
    });

    it("refuses a record without a name", () => {
      expect(() => site.store.insert({ doctype: "Email Domain", domain_name: "x" })).toThrow(DataError);
    });
  });

  describe("update", () => {
    it("refuses a stale modified with Frappe's TimestampMismatchError text (stored, then new modified)", () => {
      const doc = emailAccount("Capture Sales");
      site.store.insert(doc);
      const err = caught(() =>
        site.store.update({ ...doc, signature: "stale", modified: "2026-11-27 12:01:03.153306" }, "2020-01-01 00:00:00.000000"),
      );
      expect(err).toBeInstanceOf(TimestampMismatchError);
      expect((err as Error).message).toBe(
        `Error: Document has been modified after you have opened it (${doc.modified}, 2026-11-27 12:01:03.153306). ` +
          "Please refresh to get the latest document.",
      );
      expect(site.store.load("Email Account", "Capture Sales")).not.toHaveProperty("signature");
    });

    it("accepts the current modified and stores the new one", () => {
      const doc = emailAccount("Current");
      site.store.insert(doc);
      site.store.update({ ...doc, signature: "Regards", modified: "2026-11-27 13:00:00.000001" }, doc.modified);
      expect(site.store.load("Email Account", "Current")).toMatchObject({ signature: "Regards", modified: "2026-11-27 13:00:00.000001" });
    });

    it("throws DoesNotExistError '{doctype} {name} not found' for a missing record", () => {
      const err = caught(() => site.store.update(emailAccount("No Such Account")));
      expect(err).toBeInstanceOf(DoesNotExistError);
      expect((err as Error).message).toBe("Email Account No Such Account not found");
    });

    it("replaces the child rows: named rows keep their name, new rows get one, missing rows go", () => {
      site.store.insert(emailAccount("Folders", { imap_folder: [{ folder_name: "INBOX" }, { folder_name: "Old" }] }));
      const stored = site.store.load("Email Account", "Folders") as Doc;
      const [inbox] = stored.imap_folder as Doc[];
      site.store.update({ ...stored, imap_folder: [{ ...inbox, append_to: "ToDo" }, { folder_name: "New" }] });
      const rows = site.store.load("Email Account", "Folders")?.imap_folder as Doc[];
      expect(rows.map((r) => r.folder_name)).toEqual(["INBOX", "New"]);
      expect(rows[0]).toMatchObject({ name: inbox?.name, append_to: "ToDo", idx: 1 });
      expect(rows[1]?.name).toMatch(/^[0-9a-z]{10}$/);
      expect(site.store.count("IMAP Folder")).toBe(2);
    });

    it("leaves columns and tables the record does not carry as stored, and clears those set to null", () => {
      site.store.insert(emailAccount("Partial", { signature: "Hi", footer: "Bye", imap_folder: [{ folder_name: "INBOX" }] }));
      site.store.update({ doctype: "Email Account", name: "Partial", signature: null });
      const loaded = site.store.load("Email Account", "Partial");
      expect(loaded).not.toHaveProperty("signature");
      expect(loaded).toMatchObject({ footer: "Bye" });
      expect((loaded?.imap_folder as Doc[]).map((r) => r.folder_name)).toEqual(["INBOX"]);
    });

    it("refuses to give a record another record's unique value", () => {
      site.store.insert(emailAccount("One", { email_id: "one@capture.example.test" }));
      site.store.insert(emailAccount("Two", { email_id: "two@capture.example.test" }));
      expect(() => site.store.update({ doctype: "Email Account", name: "Two", email_id: "ONE@capture.example.test" })).toThrow(
        "Email Address must be unique",
      );
    });
  });

  describe("delete", () => {
    it("removes the record and its child rows", () => {
      site.store.insert(emailAccount("Gone", { imap_folder: [{ folder_name: "INBOX" }, { folder_name: "Sent" }] }));
      site.store.insert(emailAccount("Stays", { imap_folder: [{ folder_name: "INBOX" }] }));
      site.store.delete("Email Account", "Gone");
      expect(site.store.exists("Email Account", "Gone")).toBe(false);
      expect(site.store.count("IMAP Folder")).toBe(1);
    });

    it("throws DoesNotExistError for a missing record", () => {
      expect(() => site.store.delete("Email Account", "No Such Account")).toThrow("Email Account No Such Account not found");
    });
  });

  describe("setValue", () => {
    it("updates the given columns and bumps modified", () => {
      const doc = emailAccount("Counter");
      site.store.insert(doc);
      site.store.setValue("Email Account", "Counter", { uidnext: "17", no_failed: 2 });
      const loaded = site.store.load("Email Account", "Counter");
      expect(loaded).toMatchObject({ uidnext: 17, no_failed: 2 });
      expect(loaded?.modified).not.toBe(doc.modified);
      expect(loaded?.modified).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    });

    it("keeps modified when told not to, or uses the one given", () => {
      const doc = emailAccount("Quiet");
      site.store.insert(doc);
      site.store.setValue("Email Account", "Quiet", { uidvalidity: "9" }, { updateModified: false });
      expect(site.store.load("Email Account", "Quiet")?.modified).toBe(doc.modified);
      site.store.setValue("Email Account", "Quiet", { uidvalidity: "10" }, { modified: "2030-01-01 00:00:00.000000" });
      expect(site.store.load("Email Account", "Quiet")).toMatchObject({ uidvalidity: "10", modified: "2030-01-01 00:00:00.000000" });
    });

    it("refuses a field that is not a column, and a missing record", () => {
      site.store.insert(emailAccount("Strict"));
      expect(() => site.store.setValue("Email Account", "Strict", { no_such_field: 1 })).toThrow("Field not permitted in query: no_such_field");
      expect(() => site.store.setValue("Email Account", "Strict", { imap_folder: [] })).toThrow(DataError);
      expect(() => site.store.setValue("Email Account", "Nobody", { uidnext: 1 })).toThrow("Email Account Nobody not found");
    });
  });

  describe("nextSeriesValue", () => {
    it("counts each prefix from 1 in tabSeries", () => {
      expect(site.store.nextSeriesValue("EQ-.#####")).toBe(1);
      expect(site.store.nextSeriesValue("EQ-.#####")).toBe(2);
      expect(site.store.nextSeriesValue("OTHER-")).toBe(1);
      expect(site.reopen().nextSeriesValue("EQ-.#####")).toBe(3);
    });
  });
});
