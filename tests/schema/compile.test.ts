import type { DocTypeMeta } from "../../src/core/meta";
import { applyDefaults } from "../../src/schema/defaults";
import { coerceTypes } from "../../src/schema/coerce";
import { compileDocType, docTypeSchema, fieldSchema } from "../../src/schema/compile";
import { readMetaFile, referenceFiles, referenceRegistry, repoDoctypeFiles } from "./helpers";

const registry = referenceRegistry();
const emailAccount = registry.get("Email Account");

function property(meta: DocTypeMeta, fieldname: string): Record<string, unknown> {
  const properties = docTypeSchema(meta).properties as Record<string, Record<string, unknown>>;
  return properties[fieldname] as Record<string, unknown>;
}

describe("docTypeSchema: Email Account", () => {
  it("maps Check to 0/1 integers and Int to the int column's range", () => {
    expect(property(emailAccount, "enable_incoming")).toEqual({ type: "integer", nullable: true, minimum: 0, maximum: 1 });
    expect(property(emailAccount, "uidnext")).toEqual({ type: "integer", nullable: true, minimum: -2147483647, maximum: 2147483647 });
  });

  it("gives Select fields their options (plus empty) as enum", () => {
    expect(property(emailAccount, "auth_method")).toEqual({ type: "string", nullable: true, maxLength: 140, enum: ["Basic", "OAuth", "", null] });
    expect(property(emailAccount, "service").enum).toEqual(["", "GMail", "Sendgrid", "SparkPost", "Yahoo Mail", "Outlook.com", "Yandex.Mail", null]);
  });

  it("uses Frappe's column lengths: varchar 140, text 65535, longtext unlimited", () => {
    expect(property(emailAccount, "email_id").maxLength).toBe(140);
    expect(property(emailAccount, "domain").maxLength).toBe(140);
    expect(property(emailAccount, "send_notification_to").maxLength).toBe(65535);
    expect(property(emailAccount, "password").maxLength).toBe(65535);
    expect(property(emailAccount, "brand_logo").maxLength).toBe(65535);
    expect(property(emailAccount, "signature")).toEqual({ type: "string", nullable: true });
  });

  it("lists reqd fields as required and tables as lists of objects", () => {
    expect(docTypeSchema(emailAccount).required).toEqual(["email_id"]);
    expect(property(emailAccount, "imap_folder")).toEqual({ type: "array", nullable: true, items: { type: "object" } });
  });

  it("has no property for layout fields, refuses unknown keys but lets _-keys through", () => {
    const schema = docTypeSchema(emailAccount);
    expect(schema.properties).not.toHaveProperty("account_section");
    expect(schema.properties).not.toHaveProperty("authorize_api_access");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.patternProperties).toEqual({ "^_": {} });
  });
});

describe("fieldSchema: lengths and dates", () => {
  const communication = registry.get("Communication");

  it("takes `length` for varchar columns only (Frappe ignores it for text)", () => {
    expect(property(communication, "sender").maxLength).toBe(255);
    expect(property(communication, "message_id").maxLength).toBe(65535);
  });

  it("checks Frappe's date and time text forms", () => {
    expect(property(communication, "communication_date")).toEqual({ type: "string", nullable: true, format: "frappe-datetime" });
    expect(fieldSchema({ fieldname: "d", fieldtype: "Date" })).toEqual({ type: "string", nullable: true, format: "frappe-date" });
    expect(fieldSchema({ fieldname: "t", fieldtype: "Time" })).toEqual({ type: "string", nullable: true, format: "frappe-time" });
    expect(fieldSchema({ fieldname: "b", fieldtype: "Column Break" })).toBeUndefined();
    expect(fieldSchema({ fieldname: "n", fieldtype: "Int", length: 20 })?.maximum).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe("compileDocType", () => {
  it("caches the validator per meta", () => {
    expect(compileDocType(emailAccount)).toBe(compileDocType(emailAccount));
    expect(compileDocType(emailAccount).doctype).toBe("Email Account");
  });

  it("compiles every repo and reference DocType under ajv's strict mode", () => {
    const files = [...repoDoctypeFiles(), ...referenceFiles()];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(() => compileDocType(readMetaFile(file))).not.toThrow();
  });

  it("accepts a new Email Account after defaults and coercion", () => {
    const doc = applyDefaults(emailAccount, { doctype: "Email Account", email_id: "a@example.com", email_account_name: "A" }, { now: new Date() });
    coerceTypes(emailAccount, doc);
    const { validate } = compileDocType(emailAccount);
    expect(validate(doc)).toBe(true);
  });

  it("reports every problem at once (allErrors)", () => {
    const { validate } = compileDocType(emailAccount);
    expect(validate({ doctype: "Email Account", email_id: "x".repeat(141), enable_incoming: 2, auth_method: "Digest", nope: 1 })).toBe(false);
    const keywords = (validate.errors ?? []).map((e) => `${e.instancePath || "/"}:${e.keyword}`).sort();
    expect(keywords).toEqual(["/:additionalProperties", "/auth_method:enum", "/email_id:maxLength", "/enable_incoming:maximum"]);
  });

  it("refuses dates not in Frappe's stored form", () => {
    const { validate } = compileDocType(registry.get("Communication"));
    const dateErrors = (value: string) => {
      validate({ doctype: "Communication", communication_date: value });
      return (validate.errors ?? []).filter((e) => e.instancePath === "/communication_date").map((e) => e.keyword);
    };
    expect(dateErrors("2026-11-27 12:01:02.566371")).toEqual([]);
    expect(dateErrors("2026-11-27T12:01:02")).toEqual(["format"]);
    expect(dateErrors("2026-13-01 00:00:00")).toEqual(["format"]);
  });
});
