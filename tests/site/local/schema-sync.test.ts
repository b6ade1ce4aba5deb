import BetterSqlite3 from "better-sqlite3";
import { MetaRegistry } from "../../../src/core/meta-registry";
import { emailAccount, openTestSite, registry, shippedMeta, type TestSite } from "./helpers";

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

function columns(file: string, table: string): ColumnInfo[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as ColumnInfo[];
  } finally {
    db.close();
  }
}

function indexes(file: string, table: string): Array<{ name: string; unique: number; columns: string[] }> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const list = db.prepare(`SELECT name, "unique" FROM pragma_index_list(?)`).all(table) as Array<{ name: string; unique: number }>;
    return list.map((i) => ({ ...i, columns: (db.prepare(`SELECT name FROM pragma_index_info(?)`).all(i.name) as Array<{ name: string }>).map((c) => c.name) }));
  } finally {
    db.close();
  }
}

describe("schema sync on a real SQLite file", () => {
  let site: TestSite;
  afterEach(() => site.cleanup());

  it("adds Frappe's code-made indexes, so the per-mail lookups (Message-ID, folder + UID, contact by address) use an index", () => {
    site = openTestSite();
    site.store.checkpoint();
    const columnsOf = (table: string) => indexes(site.file, table).map((i) => i.columns.join(","));
    expect(columnsOf("tabCommunication")).toEqual(
      expect.arrayContaining(["reference_doctype,reference_name", "status,communication_type", "message_id", "email_account,imap_folder,uid"]),
    );
    expect(columnsOf("tabEmail Queue")).toEqual(expect.arrayContaining(["message_id"]));
    expect(columnsOf("tabContact Email")).toEqual(expect.arrayContaining(["email_id"]));
    const db = new BetterSqlite3(site.file, { readonly: true });
    try {
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT name FROM "tabCommunication" WHERE message_id = ? AND email_account = ?`).all("x", "y") as Array<{ detail: string }>;
      expect(plan.map((row) => row.detail).join(" ")).toMatch(/USING INDEX/);
    } finally {
      db.close();
    }
  });

  it('creates "tabEmail Account" with Frappe\'s columns and types', () => {
    site = openTestSite();
    site.store.checkpoint();
    const info = columns(site.file, "tabEmail Account");
    const byName = new Map(info.map((c) => [c.name, c]));
    expect(info.slice(0, 7).map((c) => c.name)).toEqual(["name", "owner", "creation", "modified", "modified_by", "docstatus", "idx"]);
    expect(byName.get("name")).toMatchObject({ type: "TEXT", pk: 1 });
    expect(byName.get("docstatus")).toMatchObject({ type: "INTEGER", notnull: 1, dflt_value: "0" });
    expect(byName.get("create_contact")).toMatchObject({ type: "INTEGER", notnull: 1, dflt_value: "1" });
    expect(byName.get("email_id")?.type).toBe("TEXT");
    expect(byName.get("password")?.type).toBe("TEXT");
    for (const optional of ["_user_tags", "_comments", "_assign", "_liked_by"]) expect(byName.has(optional)).toBe(true);
    expect(byName.has("imap_folder")).toBe(false);
    expect(byName.has("parent")).toBe(false);
  });

  it("creates child tables with parent, parentfield, parenttype and an index on parent", () => {
    site = openTestSite();
    const names = columns(site.file, "tabIMAP Folder").map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["name", "idx", "folder_name", "append_to", "parent", "parentfield", "parenttype"]));
    expect(indexes(site.file, "tabIMAP Folder").some((i) => i.columns.join() === "parent" && i.unique === 0)).toBe(true);
  });

  it("gives track_seen DocTypes a _seen column", () => {
    site = openTestSite();
    expect(columns(site.file, "tabCommunication").map((c) => c.name)).toContain("_seen");
    expect(columns(site.file, "tabEmail Account").map((c) => c.name)).not.toContain("_seen");
  });

  it("puts a UNIQUE index on unique fields", () => {
    site = openTestSite();
    const unique = indexes(site.file, "tabEmail Account").filter((i) => i.unique === 1 && i.columns.join() !== "name");
    expect(unique.map((i) => i.columns.join()).sort()).toEqual(["email_account_name", "email_id"]);
  });

  it("creates tabSeries and __Auth like Frappe's", () => {
    site = openTestSite();
    expect(columns(site.file, "tabSeries").map((c) => [c.name, c.type, c.pk])).toEqual([
      ["name", "TEXT", 1],
      ["current", "INTEGER", 0],
    ]);
    expect(columns(site.file, "__Auth").map((c) => [c.name, c.pk])).toEqual([
      ["doctype", 1],
      ["name", 2],
      ["fieldname", 3],
      ["password", 0],
      ["encrypted", 0],
    ]);
  });

  it("opens the file in WAL mode", () => {
    site = openTestSite();
    const db = new BetterSqlite3(site.file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.close();
    }
  });

  it("adds the columns a newer meta brings, keeps the data and never drops a column", () => {
    site = openTestSite();
    site.store.insert({ doctype: "Email Domain", name: "capture.example.test", domain_name: "capture.example.test", email_server: "imap.example.test" });

    const newer = shippedMeta("Email Domain");
    newer.fields = newer.fields.filter((f) => f.fieldname !== "email_server");
    newer.fields.push(
      { fieldname: "retention_days", fieldtype: "Int", label: "Retention Days", default: "30" },
      { fieldname: "region", fieldtype: "Data", label: "Region", default: "eu" },
      { fieldname: "tenant", fieldtype: "Data", label: "Tenant", unique: 1 },
    );
    const store = site.reopen(registry([newer]));

    const names = columns(site.file, "tabEmail Domain").map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["retention_days", "region", "tenant", "email_server"]));
    const loaded = store.load("Email Domain", "capture.example.test");
    expect(loaded).toMatchObject({ domain_name: "capture.example.test", retention_days: 30, region: "eu" });
    // The dropped field's column stays in the file but is no longer part of the record.
    expect(loaded).not.toHaveProperty("email_server");
    expect(indexes(site.file, "tabEmail Domain").some((i) => i.unique === 1 && i.columns.join() === "tenant")).toBe(true);
  });

  it("syncs a DocType added to the registry after the store was opened", () => {
    const meta = new MetaRegistry([registry().get("Email Domain")]);
    site = openTestSite({ meta });
    meta.add(registry().get("Email Account"));
    meta.add(registry().get("IMAP Folder"));
    site.store.insert(emailAccount("Late Comer"));
    expect(site.store.exists("Email Account", "Late Comer")).toBe(true);
  });

  it("keeps every record when the file is opened again", () => {
    site = openTestSite();
    site.store.insert(emailAccount("Kept", { imap_folder: [{ folder_name: "INBOX" }] }));
    const store = site.reopen();
    expect(store.load("Email Account", "Kept")?.imap_folder).toEqual([expect.objectContaining({ folder_name: "INBOX", idx: 1 })]);
  });
});
