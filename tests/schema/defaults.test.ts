import type { Doc } from "../../src/core/doc";
import type { DocTypeMeta } from "../../src/core/meta";
import { DoesNotExistError } from "../../src/errors";
import { applyDefaults } from "../../src/schema/defaults";
import { loadJson, referenceRegistry } from "./helpers";

const registry = referenceRegistry();
const clock = new Date(2026, 10, 27, 12, 1, 2, 566);

interface Captured {
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

/** Standard columns the lifecycle sets, not defaults. */
const STANDARD = new Set(["name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "doctype"]);
/** Email Account fields with fetch_from `domain.*`: the captured site copied them from the Email Domain. */
const FETCHED_FROM_DOMAIN = new Set(["use_imap", "use_ssl", "use_starttls", "email_server", "attachment_limit", "smtp_server", "use_tls", "smtp_port", "sent_folder_name"]);

describe("applyDefaults against a real Frappe v15 insert (04-insert-email-account-awaiting-password)", () => {
  const captured = loadJson<Captured>("data/04-insert-email-account-awaiting-password.json");
  const meta = registry.get("Email Account");
  const doc = applyDefaults(meta, { doctype: "Email Account", ...captured.request } as Doc, { now: clock, user: "Administrator", getMeta: registry });

  it("the fetched fields really are the ones with fetch_from domain.*", () => {
    const withFetch = meta.fields.filter((f) => typeof f.fetch_from === "string" && f.fetch_from.startsWith("domain.")).map((f) => f.fieldname);
    expect(new Set(withFetch)).toEqual(FETCHED_FROM_DOMAIN);
  });

  const shown = Object.entries(captured.response).filter(([key]) => !STANDARD.has(key) && !FETCHED_FROM_DOMAIN.has(key));

  it.each(shown)("%s is filled as the site filled it", (key, value) => {
    expect(doc[key]).toEqual(value);
  });

  it("fills nothing the site left empty (Data, Text, Link, Password without default stay absent)", () => {
    const filled = Object.keys(doc).filter((key) => !STANDARD.has(key) && !FETCHED_FROM_DOMAIN.has(key));
    expect(filled.sort()).toEqual(shown.map(([key]) => key).sort());
    for (const absent of ["login_id", "password", "connected_app", "append_to", "signature", "footer", "send_notification_to", "incoming_port", "uidvalidity"]) {
      expect(doc).not.toHaveProperty(absent);
    }
  });

  it("keeps typed values: Check/Int as numbers, Select as text", () => {
    expect(doc.create_contact).toBe(1);
    expect(doc.unreplied_for_mins).toBe(30);
    expect(doc.initial_sync_count).toBe("250");
    expect(doc.service).toBe("");
  });
});

describe("applyDefaults rules", () => {
  const meta: DocTypeMeta = {
    doctype: "DocType",
    name: "Sample",
    title_field: "title",
    fields: [
      { fieldname: "title", fieldtype: "Data", default: "Untitled" },
      { fieldname: "heading", fieldtype: "Section Break" },
      { fieldname: "kind", fieldtype: "Select", options: "Open\nClosed" },
      { fieldname: "title_kind", fieldtype: "Select", options: "\nA\nB" },
      { fieldname: "user", fieldtype: "Link", options: "User", default: "__user" },
      { fieldname: "on_date", fieldtype: "Date", default: "Today" },
      { fieldname: "at", fieldtype: "Datetime", default: "Now" },
      { fieldname: "at_time", fieldtype: "Time" },
      { fieldname: "from_other", fieldtype: "Link", options: "Company", default: ":Company" },
      { fieldname: "ratio", fieldtype: "Float", default: "2.5" },
      { fieldname: "amount", fieldtype: "Currency" },
      { fieldname: "share", fieldtype: "Percent" },
      { fieldname: "count", fieldtype: "Int" },
      { fieldname: "flag", fieldtype: "Check" },
      { fieldname: "yes", fieldtype: "Check", default: "1" },
      { fieldname: "note", fieldtype: "Small Text" },
      { fieldname: "rows", fieldtype: "Table", options: "Sample Row" },
    ],
  };
  const rowMeta: DocTypeMeta = {
    doctype: "DocType",
    name: "Sample Row",
    istable: 1,
    fields: [
      { fieldname: "state", fieldtype: "Select", options: "New\nDone" },
      { fieldname: "qty", fieldtype: "Int", default: "1" },
    ],
  };
  const getMeta = (name: string) => (name === "Sample Row" ? rowMeta : meta);

  it("fills every kind of default, typed", () => {
    const doc = applyDefaults(meta, { doctype: "Sample" }, { now: clock, user: "ann@example.com" });
    expect(doc).toEqual({
      doctype: "Sample",
      kind: "Open",
      title_kind: "",
      user: "ann@example.com",
      on_date: "2026-11-27",
      at: "2026-11-27 12:01:02.566000",
      at_time: "12:01:02.566000",
      ratio: 2.5,
      amount: 0,
      share: 0,
      count: 0,
      flag: 0,
      yes: 1,
      rows: [],
    });
  });

  it("gives the title field no static default, as Frappe's new-doc template", () => {
    expect(applyDefaults(meta, { doctype: "Sample" }, { now: clock }).title).toBeUndefined();
  });

  it("keeps given values, including empty text and 0; null counts as missing", () => {
    const doc = applyDefaults(meta, { doctype: "Sample", kind: "", yes: 0, ratio: null, note: "" }, { now: clock });
    expect(doc.kind).toBe("");
    expect(doc.yes).toBe(0);
    expect(doc.ratio).toBe(2.5);
    expect(doc.note).toBe("");
  });

  it("uses Administrator when no user is given", () => {
    expect(applyDefaults(meta, { doctype: "Sample" }, { now: clock }).user).toBe("Administrator");
  });

  it("fills new child rows with their own DocType's defaults, not rows that have a name", () => {
    const doc = applyDefaults(meta, { doctype: "Sample", rows: [{ qty: 5 }, { name: "abc", state: null }] }, { now: clock, getMeta });
    expect(doc.rows).toEqual([{ qty: 5, state: "New" }, { name: "abc", state: null }]);
  });

  it("needs the child meta when there are new rows", () => {
    expect(() => applyDefaults(meta, { doctype: "Sample", rows: [{}] }, { now: clock })).toThrow(DoesNotExistError);
    expect(() => applyDefaults(meta, { doctype: "Sample", rows: [{}] }, { now: clock })).toThrow("DocType Sample Row not found");
  });

  it("returns the same object it filled", () => {
    const doc: Doc = { doctype: "Sample" };
    expect(applyDefaults(meta, doc, { now: clock })).toBe(doc);
  });

  it("gives a new IMAP Folder row no values (it has no defaults)", () => {
    const doc = applyDefaults(registry.get("Email Account"), { doctype: "Email Account", imap_folder: [{ folder_name: "INBOX" }] }, { now: clock, getMeta: registry });
    expect(doc.imap_folder).toEqual([{ folder_name: "INBOX" }]);
  });
});
