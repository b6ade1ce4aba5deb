import type { Doc } from "../../src/core/doc";
import type { DocTypeMeta } from "../../src/core/meta";
import {
  CharacterLengthExceededError,
  DataError,
  type FrappeError,
  InvalidEmailAddressError,
  InvalidNameError,
  InvalidPhoneNumberError,
  MandatoryError,
  NonNegativeError,
  ValidationError,
} from "../../src/errors";
import { applyDefaults } from "../../src/schema/defaults";
import { assertValid, validateRecord, validateRecordIssues } from "../../src/schema/validate";
import { loadJson, referenceRegistry } from "./helpers";

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

/** The texts of a captured response's `_server_messages`. */
function serverMessages(file: string): string[] {
  const captured = loadJson<{ response: { body: { _server_messages: string } } }>(file);
  return (JSON.parse(captured.response.body._server_messages) as string[]).map((m) => (JSON.parse(m) as { message: string }).message);
}

describe("validateRecord: the captured Frappe v15 messages", () => {
  it("a valid record has no errors", () => {
    expect(validateRecord(emailAccount, account(), { getMeta: registry })).toEqual([]);
  });

  it("missing email_id: `Error: Value missing for Email Account: Email Address` (07b)", () => {
    expect(serverMessages("data/07b-insert-email-account-missing-mandatory.json")).toEqual(["Error: Value missing for Email Account: Email Address"]);
    const errors = validateRecord(emailAccount, account({ email_id: undefined }), { getMeta: registry });
    expect(messages(errors)).toEqual(["Error: Value missing for Email Account: Email Address"]);
    expect(errors[0]).toBeInstanceOf(MandatoryError);
    expect(errors[0]?.excType).toBe("MandatoryError");
    expect(errors[0]?.field).toBe("email_id");
  });

  it("bad address: `not-an-email is not a valid Email Address` (07)", () => {
    expect(serverMessages("data/07-insert-email-account-invalid-email.json")).toEqual(["not-an-email is not a valid Email Address"]);
    const errors = validateRecord(emailAccount, account({ email_id: "not-an-email" }), { getMeta: registry });
    expect(messages(errors)).toEqual(["not-an-email is not a valid Email Address"]);
    expect(errors[0]).toBeInstanceOf(InvalidEmailAddressError);
  });
});

describe("validateRecord: Select, length, e-mail and other checks", () => {
  it("Select: Frappe's message, with its empty prefix on the parent", () => {
    const [error] = validateRecord(emailAccount, account({ auth_method: "Digest" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.excType).toBe("ValidationError");
    expect(error?.message).toBe(' Method cannot be "Digest". It should be one of "Basic", "OAuth"');
    expect(messages(validateRecord(emailAccount, account({ service: "AOL" })))).toEqual([
      ' Service cannot be "AOL". It should be one of "", "GMail", "Sendgrid", "SparkPost", "Yahoo Mail", "Outlook.com", "Yandex.Mail"',
    ]);
  });

  it("Select: accepts an option with spaces around it and an empty value", () => {
    expect(validateRecord(emailAccount, account({ auth_method: " OAuth ", connected_app: "G", backend_app_flow: 1 }))).toEqual([]);
    expect(validateRecord(emailAccount, account({ auth_method: "" }))).toEqual([]);
  });

  it("Select in a child row: `Row #n:` prefix", () => {
    const queue = registry.get("Email Queue");
    const doc = { doctype: "Email Queue", name: "q1", status: "Not Sent", recipients: [{ recipient: "a@example.com", status: "Sent" }, { recipient: "b@example.com", status: "Lost" }] };
    expect(messages(validateRecord(queue, doc, { getMeta: registry }))).toEqual(['Row #2: Status cannot be "Lost". It should be one of "", "Not Sent", "Sent"']);
    const [issue] = validateRecordIssues(queue, doc, { getMeta: registry });
    expect(issue).toMatchObject({ doctype: "Email Queue Recipient", field: "status", table: "recipients", idx: 2 });
  });

  it("length: CharacterLengthExceededError titled `Value too big`", () => {
    const long = "x".repeat(141);
    const [error] = validateRecord(emailAccount, account({ email_account_name: long }));
    expect(error).toBeInstanceOf(CharacterLengthExceededError);
    expect(error?.title).toBe("Value too big");
    expect(error?.message).toBe(`Email Account Support: '<strong>Email Account Name</strong>' (${long}) will get truncated, as max characters allowed is 140`);
    const [rowError] = validateRecord(emailAccount, account({ imap_folder: [{ folder_name: "f".repeat(141) }] }), { getMeta: registry });
    expect(rowError?.message).toBe(`IMAP Folder, Row 1: '<strong>Folder Name</strong>' (${"f".repeat(141)}) will get truncated, as max characters allowed is 140`);
  });

  it("length: counts characters, not UTF-16 units", () => {
    expect(validateRecord(emailAccount, account({ email_account_name: "😀".repeat(140) }))).toEqual([]);
  });

  it("length: an Int beyond the int column", () => {
    expect(messages(validateRecord(emailAccount, account({ uidnext: 2 ** 31 })))).toEqual([
      "Email Account Support: '<strong>UIDNEXT</strong>' (2147483648) will get truncated, as max characters allowed is 2147483647",
    ]);
  });

  it("length of a text column is ours to check; a password is never shown", () => {
    const [error] = validateRecord(emailAccount, account({ password: "p".repeat(65536) }));
    expect(error?.message).toBe("Email Account Support: '<strong>Password</strong>' ((hidden)) will get truncated, as max characters allowed is 65535");
  });

  it("e-mail lists: every address is checked, the bad one HTML-escaped", () => {
    const queue = registry.get("Email Queue");
    expect(messages(validateRecord(queue, { doctype: "Email Queue", name: "q", status: "Sent", sender: "Ann <ann@example.com>, bob@example.com" }))).toEqual([]);
    expect(messages(validateRecord(queue, { doctype: "Email Queue", name: "q", status: "Sent", sender: "ann@example.com, <b>bob</b>" }))).toEqual([
      "&lt;b&gt;bob&lt;/b&gt; is not a valid Email Address",
    ]);
  });

  it("e-mail: Administrator may hold a standard user name in an Email field", () => {
    expect(validateRecord(emailAccount, account({ owner: "Administrator", email_id: "Administrator" }))).toEqual([]);
    expect(messages(validateRecord(emailAccount, account({ owner: "ann@example.com", email_id: "Administrator" })))).toEqual([
      "Administrator is not a valid Email Address",
    ]);
  });

  const people: DocTypeMeta = {
    doctype: "DocType",
    name: "Person",
    fields: [
      { fieldname: "full_name", fieldtype: "Data", label: "Full Name", options: "Name" },
      { fieldname: "mobile", fieldtype: "Data", label: "Mobile", options: "Phone" },
      { fieldname: "site", fieldtype: "Data", label: "Site", options: "URL" },
      { fieldname: "age", fieldtype: "Int", label: "Age", non_negative: 1 },
    ],
  };

  it("Name, Phone and URL options, non_negative numbers", () => {
    const good = { doctype: "Person", full_name: "Anne-Marie O'Neil", mobile: "+49 (30) 123-45", site: "https://example.com", age: 3 };
    expect(validateRecord(people, good)).toEqual([]);
    const errors = validateRecord(people, { doctype: "Person", full_name: "Ann!", mobile: "call me", site: "example.com", age: -1 });
    expect(errors.map((e) => [e.constructor.name, e.message])).toEqual([
      ["InvalidNameError", "Ann! is not a valid Name"],
      ["InvalidPhoneNumberError", "call me is not a valid Phone Number"],
      ["ValidationError", "'<strong>example.com</strong>' is not a valid URL"],
      ["NonNegativeError", "Value cannot be negative for Person: <strong>Age</strong>"],
    ]);
    expect(errors[0]).toBeInstanceOf(InvalidNameError);
    expect(errors[1]).toBeInstanceOf(InvalidPhoneNumberError);
    expect(errors[3]).toBeInstanceOf(NonNegativeError);
    expect(errors[3]?.title).toBe("Negative Value");
  });
});

describe("validateRecord: types, order, assertValid", () => {
  it("reports values of the wrong type as DataError, worded like coerceTypes", () => {
    expect(messages(validateRecord(emailAccount, account({ enable_incoming: "yes", unreplied_for_mins: "30" })))).toEqual([
      'Email Account "Support": field enable_incoming (Enable Incoming) must be 0 or 1, got "yes"',
      'Email Account "Support": field unreplied_for_mins (Notify if unreplied for (in mins)) must be a whole number, got "30"',
    ]);
  });

  it("checks standard columns and the doctype too", () => {
    expect(messages(validateRecord(emailAccount, account({ docstatus: 5 })))).toEqual(['Email Account "Support": field docstatus (Document Status) must be <= 2, got 5']);
    expect(messages(validateRecord(emailAccount, account({ doctype: "ToDo" })))).toEqual(['Email Account "Support": doctype is "ToDo", expected Email Account']);
  });

  it("reports unknown fields as DataError", () => {
    const [error] = validateRecord(emailAccount, account({ colour: "red" }));
    expect(error).toBeInstanceOf(DataError);
    expect(error?.message).toBe('Email Account "Support": unknown field colour (not in DocType Email Account)');
  });

  it("follows Frappe's order: mandatory (parent, then rows), then per record types, data fields, selects, lengths", () => {
    const doc = account({
      email_id: "bad address",
      email_account_name: "n".repeat(141),
      auth_method: "Digest",
      enable_incoming: 5,
      imap_folder: [{ folder_name: "" }, { folder_name: "x".repeat(141) }],
    });
    const errors = validateRecord({ ...emailAccount, fields: emailAccount.fields.map((f) => (f.fieldname === "login_id" ? { ...f, reqd: 1 as const } : f)) }, doc, { getMeta: registry });
    expect(errors.map((e) => e.constructor.name)).toEqual([
      "MandatoryError",
      "MandatoryError",
      "DataError",
      "InvalidEmailAddressError",
      "ValidationError",
      "CharacterLengthExceededError",
      "CharacterLengthExceededError",
    ]);
    expect(errors[0]?.message).toBe("Error: Value missing for Email Account: Alternative Email ID");
    expect(errors[1]?.message).toBe("Error: <strong>IMAP Folder</strong> Row #1: Value missing for: Folder Name");
    expect(errors[6]?.message).toMatch(/^IMAP Folder, Row 2: /);
  });

  it("assertValid throws the first error and passes a valid record", () => {
    expect(() => assertValid(emailAccount, account())).not.toThrow();
    expect(() => assertValid(emailAccount, account({ email_id: "", auth_method: "Digest" }))).toThrow(MandatoryError);
    expect(() => assertValid(emailAccount, account({ email_id: "", auth_method: "Digest" }))).toThrow("Error: Value missing for Email Account: Email Address");
  });

  it("names the record on each error", () => {
    const [error] = validateRecord(emailAccount, account({ email_id: "nope" }));
    expect(error).toMatchObject({ doctype: "Email Account", docname: "Support", field: "email_id" });
  });
});
