import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DocTypeMeta } from "../../src/core/meta";
import { ConfigError } from "../../src/errors";
import { findPackageRoot, loadDocTypeFiles, loadMetaRegistry, packageRoot } from "../../src/schema/doctype-loader";

const ROOT = path.resolve(__dirname, "../..");

const SHIPPED = [
  "Communication",
  "Communication Link",
  "Connected App",
  "Contact",
  "Contact Email",
  "Contact Phone",
  "Dynamic Link",
  "Email Account",
  "Email Domain",
  "Email Queue",
  "Email Queue Recipient",
  "Email Template",
  "Event",
  "Event Participants",
  "File",
  "IMAP Folder",
  "Issue",
  "Job Applicant",
  "Lead",
  "Opportunity",
  "Task",
  "ToDo",
  "Unhandled Email",
  "User",
  "User Email",
];

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "doctype-loader-"));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes `<dir>/<snake>/<snake>.json` with the given text. */
function writeDocType(dir: string, snake: string, content: unknown): string {
  fs.mkdirSync(path.join(dir, snake), { recursive: true });
  const file = path.join(dir, snake, `${snake}.json`);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const minimal = (name: string, fields: unknown[] = [{ fieldname: "title", fieldtype: "Data" }]) => ({ doctype: "DocType", name, fields });

describe("packageRoot", () => {
  test("is the repository folder holding package.json", () => {
    expect(packageRoot()).toBe(ROOT);
    expect(JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")).name).toBe("frappe-email-account");
  });

  test("findPackageRoot walks up from a built dist/src/schema folder, past package.json files of other names", () => {
    const pkg = path.join(tmp, "pkg");
    const deep = path.join(pkg, "dist", "src", "schema");
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "frappe-email-account" }));
    fs.writeFileSync(path.join(pkg, "dist", "package.json"), JSON.stringify({ name: "something-else" }));
    fs.writeFileSync(path.join(pkg, "dist", "src", "package.json"), "not json");
    expect(findPackageRoot(deep)).toBe(pkg);
  });

  test("findPackageRoot fails with ConfigError when no such package is above", () => {
    expect(() => findPackageRoot(tmp)).toThrow(ConfigError);
  });
});

describe("loadDocTypeFiles on the shipped doctypes/", () => {
  const metas = loadDocTypeFiles();

  test("reads every shipped DocType", () => {
    expect(metas.map((m) => m.name).sort()).toEqual(SHIPPED);
  });

  test("puts fields in field_order order, as Frappe does when it imports a DocType file", () => {
    for (const meta of metas) {
      expect(meta.fields.map((f) => f.fieldname)).toEqual(meta.field_order ?? meta.fields.map((f) => f.fieldname));
    }
    const lead = metas.find((m) => m.name === "Lead")!;
    expect(lead.fields[0]?.fieldname).toBe("naming_series");
  });
});

describe("loadMetaRegistry", () => {
  test("knows every shipped DocType", () => {
    expect(loadMetaRegistry().names()).toEqual(SHIPPED);
  });

  test("Append To targets are exactly the shipped DocTypes with email_append_to (Task is not one)", () => {
    expect(loadMetaRegistry().appendToTargets()).toEqual(["Communication", "Event", "Issue", "Job Applicant", "Lead", "Opportunity", "ToDo"]);
  });

  test("adds extra metas, and an extra one replaces a shipped one of the same name", () => {
    const custom = minimal("Helpdesk Ticket") as DocTypeMeta;
    const task = { ...minimal("Task"), email_append_to: 1 } as DocTypeMeta;
    const registry = loadMetaRegistry([custom, task]);
    expect(registry.has("Helpdesk Ticket")).toBe(true);
    expect(registry.get("Task").email_append_to).toBe(1);
    expect(registry.appendToTargets()).toContain("Task");
  });

  test("each call gives its own copies: changing one registry leaves the next one alone", () => {
    loadMetaRegistry().get("Lead").fields.pop();
    expect(loadMetaRegistry().get("Lead").fields).toHaveLength(8);
  });
});

describe("loadDocTypeFiles on a folder of its own", () => {
  test("reads <x>/<x>.json only, skipping other files and folders without one", () => {
    writeDocType(tmp, "ticket", minimal("Ticket"));
    fs.mkdirSync(path.join(tmp, "empty_folder"));
    fs.writeFileSync(path.join(tmp, "README.md"), "# notes");
    fs.writeFileSync(path.join(tmp, "ticket", "ticket.js"), "");
    expect(loadDocTypeFiles(tmp).map((m) => m.name)).toEqual(["Ticket"]);
  });

  test("appends fields missing from field_order after the ordered ones", () => {
    const fields = ["a", "b", "c", "d"].map((fieldname) => ({ fieldname, fieldtype: "Data" }));
    writeDocType(tmp, "ticket", { ...minimal("Ticket", fields), field_order: ["c", "a", "ghost"] });
    expect(loadDocTypeFiles(tmp)[0]!.fields.map((f) => f.fieldname)).toEqual(["c", "a", "b", "d"]);
  });

  test("a missing folder is a ConfigError naming it", () => {
    const missing = path.join(tmp, "nope");
    expect(() => loadDocTypeFiles(missing)).toThrow(ConfigError);
    expect(() => loadDocTypeFiles(missing)).toThrow(missing);
  });

  test.each([
    ["text that is not JSON", "{ not json", "cannot read DocType JSON"],
    ["an array", [], "the file does not hold an object"],
    ["doctype other than DocType", { ...minimal("Ticket"), doctype: "Report" }, `"doctype" is "Report", expected "DocType"`],
    ["no name", { doctype: "DocType", fields: [] }, `"name" is missing`],
    ["fields that are not an array", { doctype: "DocType", name: "Ticket", fields: {} }, `"fields" is not an array`],
    ["a field without fieldname", minimal("Ticket", [{ fieldtype: "Data" }]), `field #1 has no "fieldname"`],
    ["a field without fieldtype", minimal("Ticket", [{ fieldname: "title" }]), `field "title" has no "fieldtype"`],
    ["a field_order that is not a list of names", { ...minimal("Ticket"), field_order: "title" }, `"field_order" is not a list`],
  ])("a file with %s is a ConfigError naming the file", (_what, content, reason) => {
    const file = writeDocType(tmp, "ticket", content);
    let caught: unknown;
    try {
      loadDocTypeFiles(tmp);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toContain(file);
    expect((caught as Error).message).toContain(reason);
  });

  test("a DocType in a folder not named after it is a ConfigError", () => {
    const file = writeDocType(tmp, "ticket", minimal("Support Ticket"));
    expect(() => loadDocTypeFiles(tmp)).toThrow(`${file}: DocType "Support Ticket" belongs in a folder named support_ticket`);
  });
});
