import type { Doc } from "../../src/core/doc";
import type { DocTypeMeta } from "../../src/core/meta";
import { DataError, DoesNotExistError } from "../../src/errors";
import { coerceTypes } from "../../src/schema/coerce";
import { referenceRegistry } from "./helpers";

const registry = referenceRegistry();
const emailAccount = registry.get("Email Account");

function account(values: Record<string, unknown>): Doc {
  return { doctype: "Email Account", name: "Support", ...values };
}

function dataErrorOf(run: () => unknown): DataError {
  try {
    run();
  } catch (err) {
    if (err instanceof DataError) return err;
    throw err;
  }
  throw new Error("expected a DataError");
}

describe("coerceTypes: Check", () => {
  it.each([
    [0, 0],
    [1, 1],
    [true, 1],
    [false, 0],
    ["0", 0],
    ["1", 1],
    [null, 0],
  ])("%p -> %p", (input, expected) => {
    expect(coerceTypes(emailAccount, account({ enable_incoming: input })).enable_incoming).toBe(expected);
  });

  it.each([["yes"], [2], ["true"], [[1]], [{}]])("%p is a DataError naming the record and field", (input) => {
    const err = dataErrorOf(() => coerceTypes(emailAccount, account({ enable_incoming: input })));
    expect(err.message).toBe(`Email Account "Support": field enable_incoming (Enable Incoming) must be 0 or 1, got ${JSON.stringify(input)}`);
    expect(err.field).toBe("enable_incoming");
    expect(err.excType).toBe("DataError");
  });
});

describe("coerceTypes: numbers", () => {
  it("Int accepts whole numbers and their text; empty text and null are 0", () => {
    const doc = coerceTypes(emailAccount, account({ unreplied_for_mins: "45", attachment_limit: "", uidnext: null, no_failed: -3 }));
    expect(doc).toMatchObject({ unreplied_for_mins: 45, attachment_limit: 0, uidnext: 0, no_failed: -3 });
  });

  it.each([["4.5"], [4.5], ["12abc"], [true], ["0x10"]])("Int refuses %p", (input) => {
    const err = dataErrorOf(() => coerceTypes(emailAccount, account({ unreplied_for_mins: input })));
    expect(err.message).toBe(`Email Account "Support": field unreplied_for_mins (Notify if unreplied for (in mins)) must be a whole number, got ${JSON.stringify(input)}`);
  });

  const task: DocTypeMeta = {
    doctype: "DocType",
    name: "Task",
    fields: [
      { fieldname: "expected_time", fieldtype: "Float", label: "Expected Time (in hours)" },
      { fieldname: "progress", fieldtype: "Percent", label: "% Progress" },
      { fieldname: "task_weight", fieldtype: "Float", label: "Weight" },
      { fieldname: "cost", fieldtype: "Currency", label: "Cost" },
    ],
  };
  it("Float/Percent/Currency accept numbers and numeric text", () => {
    const doc = coerceTypes(task, { doctype: "Task", name: "T1", expected_time: "1.5", progress: 40, task_weight: "", cost: " -2e3 " });
    expect(doc).toMatchObject({ expected_time: 1.5, progress: 40, task_weight: 0, cost: -2000 });
  });

  it.each([["abc"], ["1,5"], [Number.NaN], [Number.POSITIVE_INFINITY], [false], ["0x10"]])("Float refuses %p", (input) => {
    expect(() => coerceTypes(task, { doctype: "Task", name: "T1", expected_time: input })).toThrow(/^Task "T1": field expected_time \(Expected Time \(in hours\)\) must be a number, got /);
  });
});

describe("coerceTypes: text, Select, dates", () => {
  it("turns numbers into text, as Frappe stores them, and trims Select values", () => {
    const doc = coerceTypes(emailAccount, account({ smtp_port: 587, initial_sync_count: 250, auth_method: " OAuth " }));
    expect(doc).toMatchObject({ smtp_port: "587", initial_sync_count: "250", auth_method: "OAuth" });
  });

  it.each([[{ a: 1 }], [["a"]], [true]])("refuses %p in a text field", (input) => {
    const err = dataErrorOf(() => coerceTypes(emailAccount, account({ email_server: input })));
    expect(err.message).toBe(`Email Account "Support": field email_server (Incoming Server) must be text, got ${JSON.stringify(input)}`);
  });

  it("never repeats a password in its message", () => {
    const err = dataErrorOf(() => coerceTypes(emailAccount, account({ password: { secret: "hunter2" } })));
    expect(err.message).toBe('Email Account "Support": field password (Password) must be text, got a object (value hidden)');
    expect(err.message).not.toContain("hunter2");
  });

  const communication = registry.get("Communication");
  it.each([
    ["2026-11-27 12:01:02.566371", "2026-11-27 12:01:02.566371"],
    ["2026-11-27 12:01:02", "2026-11-27 12:01:02"],
    ["2026-11-27T12:01:02.5", "2026-11-27 12:01:02.5"],
    ["2026-11-27T12:01", "2026-11-27 12:01:00"],
    ["", null],
  ])("Datetime %p -> %p", (input, expected) => {
    const doc = coerceTypes(communication, { doctype: "Communication", name: "c1", communication_date: input });
    expect(doc.communication_date).toBe(expected);
  });

  it.each([["2026-02-30 10:00:00"], ["2026-11-27T12:01:02Z"], ["27.11.2026 12:00"], ["2026-11-27"], [1764244862]])("Datetime refuses %p", (input) => {
    const err = dataErrorOf(() => coerceTypes(communication, { doctype: "Communication", name: "c1", communication_date: input }));
    expect(err.message).toBe(`Communication "c1": field communication_date (Date) must be a date and time (YYYY-MM-DD HH:MM:SS), got ${JSON.stringify(input)}`);
  });

  const todo = registry.get("ToDo");
  it("Date accepts YYYY-MM-DD of a real day", () => {
    expect(coerceTypes(todo, { doctype: "ToDo", date: "2024-02-29" }).date).toBe("2024-02-29");
    expect(() => coerceTypes(todo, { doctype: "ToDo", date: "2023-02-29" })).toThrow('ToDo (new): field date (Due Date) must be a date (YYYY-MM-DD), got "2023-02-29"');
  });

  const meta: DocTypeMeta = {
    doctype: "DocType",
    name: "Clock",
    fields: [
      { fieldname: "at", fieldtype: "Time" },
      { fieldname: "data", fieldtype: "JSON" },
    ],
  };
  it("Time is HH:MM:SS[.ffffff]; JSON stores objects as JSON text and refuses broken JSON text", () => {
    expect(coerceTypes(meta, { doctype: "Clock", at: "9:05" }).at).toBe("09:05:00");
    expect(() => coerceTypes(meta, { doctype: "Clock", at: "25:00" })).toThrow("must be a time (HH:MM:SS)");
    expect(coerceTypes(meta, { doctype: "Clock", data: { a: [1] } }).data).toBe('{"a":[1]}');
    expect(() => coerceTypes(meta, { doctype: "Clock", data: "{a:1}" })).toThrow('Clock (new): field data must be JSON, got "{a:1}"');
  });
});

describe("coerceTypes: records, tables and unknown fields", () => {
  it("works in place and returns the same object", () => {
    const doc = account({ enable_incoming: "1" });
    expect(coerceTypes(emailAccount, doc)).toBe(doc);
    expect(doc.enable_incoming).toBe(1);
  });

  it("names a new record by its autoname field, else (new)", () => {
    expect(() => coerceTypes(emailAccount, { doctype: "Email Account", email_account_name: "Sales", use_ssl: "x" })).toThrow(
      'Email Account "Sales": field use_ssl (Use SSL) must be 0 or 1, got "x"',
    );
    expect(() => coerceTypes(emailAccount, { doctype: "Email Account", use_ssl: "x" })).toThrow('Email Account (new): field use_ssl (Use SSL) must be 0 or 1, got "x"');
  });

  it("lets standard columns and _-prefixed keys through, coercing docstatus, idx and timestamps", () => {
    const doc = coerceTypes(
      emailAccount,
      account({ owner: "Administrator", docstatus: "0", idx: "3", modified: "2026-11-27T12:01:02.566371", __islocal: 1, _user_tags: "a,b", __unsaved: true }),
    );
    expect(doc).toMatchObject({ docstatus: 0, idx: 3, modified: "2026-11-27 12:01:02.566371", __islocal: 1, _user_tags: "a,b", __unsaved: true });
  });

  it("refuses a docstatus other than 0, 1 or 2", () => {
    expect(() => coerceTypes(emailAccount, account({ docstatus: 3 }))).toThrow('Email Account "Support": field docstatus (Document Status) must be 0, 1 or 2, got 3');
  });

  it("refuses an unknown field", () => {
    expect(() => coerceTypes(emailAccount, account({ enable_imcoming: 1 }))).toThrow('Email Account "Support": unknown field enable_imcoming (not in DocType Email Account)');
  });

  it("refuses a record of another DocType", () => {
    expect(() => coerceTypes(emailAccount, { doctype: "ToDo", name: "x" })).toThrow('Email Account "x": doctype is "ToDo", expected Email Account');
  });

  it("drops a null sent for a layout field, refuses a value", () => {
    const doc = coerceTypes(emailAccount, account({ authorize_api_access: null }));
    expect(doc).not.toHaveProperty("authorize_api_access");
    expect(() => coerceTypes(emailAccount, account({ authorize_api_access: "x" }))).toThrow(
      'Email Account "Support": field authorize_api_access (Authorize API Access) is a Button and holds no value, got "x"',
    );
  });

  it("coerces child rows with the child meta and names the row", () => {
    const doc = coerceTypes(emailAccount, account({ imap_folder: [{ folder_name: "INBOX", uidnext: 12 }] }), { getMeta: registry });
    expect(doc.imap_folder).toEqual([{ doctype: "IMAP Folder", folder_name: "INBOX", uidnext: "12" }]);
    expect(() =>
      coerceTypes(emailAccount, account({ imap_folder: [{ folder_name: "INBOX" }, { folder_name: ["Sent"] }] }), { getMeta: (name) => registry.get(name) }),
    ).toThrow('Email Account "Support", IMAP Folder row 2: field folder_name (Folder Name) must be text, got ["Sent"]');
    expect(() => coerceTypes(emailAccount, account({ imap_folder: [{ folder: "INBOX" }] }), { getMeta: registry })).toThrow(
      'Email Account "Support", IMAP Folder row 1: unknown field folder (not in DocType IMAP Folder)',
    );
  });

  it("accepts only a list of row objects for a table; null becomes []", () => {
    expect(coerceTypes(emailAccount, account({ imap_folder: null })).imap_folder).toEqual([]);
    expect(() => coerceTypes(emailAccount, account({ imap_folder: "INBOX" }), { getMeta: registry })).toThrow(
      'Email Account "Support": field imap_folder (IMAP Folder) must be a list of rows, got "INBOX"',
    );
    expect(() => coerceTypes(emailAccount, account({ imap_folder: ["INBOX"] }), { getMeta: registry })).toThrow(
      'Email Account "Support": field imap_folder (IMAP Folder) must be a list of rows (row 1 is a string), got ["INBOX"]',
    );
  });

  it("needs the child meta for rows", () => {
    expect(() => coerceTypes(emailAccount, account({ imap_folder: [{ folder_name: "INBOX" }] }))).toThrow(DoesNotExistError);
  });

  it("takes the record label from the caller when given", () => {
    expect(() => coerceTypes(emailAccount, account({ use_ssl: 3 }), { record: "fixtures/email_account.json #2" })).toThrow(
      "fixtures/email_account.json #2: field use_ssl (Use SSL) must be 0 or 1, got 3",
    );
  });
});
