import type { Doc } from "../../src/core/doc";
import type { DocTypeMeta } from "../../src/core/meta";
import { ExpressionError, type FrappeError } from "../../src/errors";
import { applyDefaults } from "../../src/schema/defaults";
import { validateRecord, validateRecordIssues } from "../../src/schema/validate";
import { referenceRegistry } from "./helpers";

const registry = referenceRegistry();
const emailAccount = registry.get("Email Account");
const clock = new Date(2026, 10, 27, 12, 0, 0);

/** A valid new Email Account as the lifecycle sees it after defaults. */
function account(values: Record<string, unknown> = {}): Doc {
  const doc = applyDefaults(emailAccount, { doctype: "Email Account", name: "Support", email_account_name: "Support", email_id: "support@example.com" }, { now: clock });
  return { ...doc, ...values };
}

function messages(errors: FrappeError[]): string[] {
  return errors.map((e) => e.message);
}

describe("validateRecord: mandatory fields", () => {
  it("counts text without content (only tags or spaces) as missing, 0 as present", () => {
    expect(messages(validateRecord(emailAccount, account({ email_id: "  " })))).toEqual(["Error: Value missing for Email Account: Email Address"]);
    expect(messages(validateRecord(emailAccount, account({ email_id: "<p> </p>" })))).toContain("Error: Value missing for Email Account: Email Address");
    const meta: DocTypeMeta = { doctype: "DocType", name: "Flags", fields: [{ fieldname: "on", fieldtype: "Check", label: "On", reqd: 1 }] };
    expect(validateRecord(meta, { doctype: "Flags", on: 0 })).toEqual([]);
  });

  it("words child rows and empty required tables as Frappe does", () => {
    const meta: DocTypeMeta = {
      doctype: "DocType",
      name: "Mailbox",
      fields: [{ fieldname: "folders", fieldtype: "Table", label: "Folders", options: "IMAP Folder", reqd: 1 }],
    };
    expect(messages(validateRecord(meta, { doctype: "Mailbox", folders: [] }, { getMeta: registry }))).toEqual(["Error: Data missing in table: Folders"]);
    const issues = validateRecordIssues(meta, { doctype: "Mailbox", folders: [{ folder_name: "INBOX" }, { folder_name: "" }] }, { getMeta: registry });
    expect(issues.map((i) => i.error.message)).toEqual(["Error: <strong>IMAP Folder</strong> Row #2: Value missing for: Folder Name"]);
    expect(issues[0]).toMatchObject({ doctype: "IMAP Folder", field: "folder_name", table: "folders", idx: 2 });
  });

  it("enforces mandatory_depends_on while depends_on holds (our deviation), and can be told not to", () => {
    const oauth = account({ auth_method: "OAuth" });
    expect(messages(validateRecord(emailAccount, oauth, { getMeta: registry }))).toEqual([
      "Error: Value missing for Email Account: Connected App",
      "Error: Value missing for Email Account: Connected User",
    ]);
    expect(validateRecord(emailAccount, oauth, { getMeta: registry, enforceMandatoryDependsOn: false })).toEqual([]);
    expect(validateRecord(emailAccount, { ...oauth, connected_app: "Google", backend_app_flow: 1 }, { getMeta: registry })).toEqual([]);
  });

  it("does not ask for a mandatory_depends_on field the form would hide", () => {
    const meta: DocTypeMeta = {
      doctype: "DocType",
      name: "Ticket",
      fields: [
        { fieldname: "kind", fieldtype: "Data", label: "Kind" },
        { fieldname: "reason", fieldtype: "Data", label: "Reason", depends_on: "eval:doc.kind == 'lost'", mandatory_depends_on: "eval:doc.kind" },
      ],
    };
    expect(validateRecord(meta, { doctype: "Ticket", kind: "won" })).toEqual([]);
    expect(messages(validateRecord(meta, { doctype: "Ticket", kind: "lost" }))).toEqual(["Error: Value missing for Ticket: Reason"]);
  });

  it("evaluates child rows' conditions with the parent as `parent`", () => {
    const row: DocTypeMeta = {
      doctype: "DocType",
      name: "Line",
      istable: 1,
      fields: [{ fieldname: "note", fieldtype: "Data", label: "Note", mandatory_depends_on: "eval:parent.strict" }],
    };
    const meta: DocTypeMeta = {
      doctype: "DocType",
      name: "Sheet",
      fields: [
        { fieldname: "strict", fieldtype: "Check", label: "Strict" },
        { fieldname: "lines", fieldtype: "Table", label: "Lines", options: "Line" },
      ],
    };
    const getMeta = (name: string) => (name === "Line" ? row : meta);
    expect(validateRecord(meta, { doctype: "Sheet", strict: 0, lines: [{}] }, { getMeta })).toEqual([]);
    expect(messages(validateRecord(meta, { doctype: "Sheet", strict: 1, lines: [{}] }, { getMeta }))).toEqual(["Error: <strong>Line</strong> Row #1: Value missing for: Note"]);
  });

  it("takes a custom evaluator, and reports a broken condition instead of throwing", () => {
    const meta: DocTypeMeta = { doctype: "DocType", name: "X", fields: [{ fieldname: "a", fieldtype: "Data", label: "A", mandatory_depends_on: "eval:window.x" }] };
    const [issue] = validateRecord(meta, { doctype: "X" });
    expect(issue).toBeInstanceOf(ExpressionError);
    expect(issue?.message).toBe('Invalid expression "eval:window.x": unknown name "window" at position 6');
    expect(messages(validateRecord(meta, { doctype: "X" }, { evaluate: () => true }))).toEqual(["Error: Value missing for X: A"]);
  });

  it("skips the mandatory step with ignoreMandatory", () => {
    expect(validateRecord(emailAccount, account({ email_id: null }), { ignoreMandatory: true })).toEqual([]);
  });
});
