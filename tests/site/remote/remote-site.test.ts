import { Readable } from "node:stream";
import type { Doc } from "../../../src/core/doc";
import {
  AuthenticationError,
  ConfigError,
  DataError,
  DoesNotExistError,
  DuplicateEntryError,
  MandatoryError,
  TimestampMismatchError,
  ValidationError,
} from "../../../src/errors";
import { type RemoteHarness, startHarness } from "./support/remote-harness";

/** Every `Site` method of RemoteSite against the Frappe-compatible server, over real HTTP. */
let h: RemoteHarness;
beforeEach(async () => (h = await startHarness()));
afterEach(() => h.stop());

const account = (name: string, extra: Record<string, unknown> = {}): Doc => ({
  doctype: "Email Account",
  email_account_name: name,
  email_id: `${name.toLowerCase()}@acme.test`,
  enable_incoming: 0,
  enable_outgoing: 0,
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

describe("reads", () => {
  test("kind and label: remote, the URL", () => {
    expect(h.remote.kind).toBe("remote");
    expect(h.remote.label).toBe(h.url);
    expect(h.remote.meta.has("Email Account")).toBe(true);
  });

  test("get returns the record with its doctype; a missing one is DoesNotExistError with Frappe's text", async () => {
    await h.local.insert(account("Sales"));
    const doc = await h.remote.get("Email Account", "Sales");
    expect(doc).toMatchObject({ doctype: "Email Account", name: "Sales", email_id: "sales@acme.test" });
    const error = await rejection(h.remote.get("Email Account", "Nope"));
    expect(error).toBeInstanceOf(DoesNotExistError);
    expect(error.message).toBe("Email Account Nope not found");
    expect((error as DoesNotExistError).httpStatus).toBe(404);
  });

  test("a name with spaces and slashes survives the URL", async () => {
    await h.local.insert(account("Sales / EU Desk", { email_id: "eu@acme.test" }));
    expect((await h.remote.get("Email Account", "Sales / EU Desk")).email_id).toBe("eu@acme.test");
    expect(await h.remote.exists("Email Account", "Sales / EU Desk")).toBe(true);
  });

  test("exists and count, with filters", async () => {
    await h.local.insert(account("Sales"));
    await h.local.insert(account("Support"));
    expect(await h.remote.exists("Email Account", "Sales")).toBe(true);
    expect(await h.remote.exists("Email Account", "Nope")).toBe(false);
    expect(await h.remote.count("Email Account")).toBe(2);
    expect(await h.remote.count("Email Account", { email_id: ["like", "sup%"] })).toBe(1);
  });

  test("getList honours fields, filters, order, limit and start; 20 rows when no limit is given", async () => {
    for (let i = 0; i < 25; i++) await h.local.insert({ doctype: "ToDo", description: `task ${String(i).padStart(2, "0")}` });
    expect(await h.remote.getList("ToDo")).toHaveLength(20);
    const page = await h.remote.getList("ToDo", { fields: ["description"], orderBy: "description asc", limit: 3, start: 2 });
    expect(page).toEqual([{ description: "task 02" }, { description: "task 03" }, { description: "task 04" }]);
    const filtered = await h.remote.getList("ToDo", { fields: ["name", "description"], filters: [["description", "like", "task 1%"]], limit: 0 });
    expect(filtered).toHaveLength(10);
  });

  test("limit 0 walks every page, past Frappe's 20-row default", async () => {
    for (let i = 0; i < 47; i++) await h.local.insert({ doctype: "ToDo", description: `t${i}` });
    const all = await h.remote.getList("ToDo", { fields: ["name"], limit: 0 });
    expect(all).toHaveLength(47);
    expect(new Set(all.map((r) => r.name)).size).toBe(47);
    const paged = h.open({ pageSize: 20 });
    h.calls.getList = 0;
    const walked = await paged.getList("ToDo", { fields: ["name"], limit: 0 });
    expect(new Set(walked.map((r) => r.name))).toEqual(new Set(all.map((r) => r.name)));
    expect(h.calls.getList).toBe(3);
  });

  test("a field the DocType lacks is the site's DataError", async () => {
    const error = await rejection(h.remote.getList("ToDo", { fields: ["no_such_field"] }));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe("Field not permitted in query: no_such_field");
  });
});

describe("writes", () => {
  test("insert runs the site's lifecycle and returns the stored record with its messages", async () => {
    const { doc, messages } = await h.remote.insert(account("Sales", { default_outgoing: 1 }));
    expect(doc).toMatchObject({ doctype: "Email Account", name: "Sales", default_outgoing: 0 });
    expect(messages).toEqual([expect.objectContaining({ title: "Defaults Updated", message: expect.stringContaining("has been disabled") })]);
    expect(await h.local.exists("Email Account", "Sales")).toBe(true);
  });

  test("a validation failure is the typed error with Frappe's text, sent once", async () => {
    const error = await rejection(h.remote.insert({ doctype: "Email Account", email_account_name: "NoAddress" }));
    expect(error).toBeInstanceOf(MandatoryError);
    expect(error.message).toBe("Error: Value missing for Email Account: Email Address");
    expect(h.calls.insert).toBe(1);
  });

  test("a duplicate name is DuplicateEntryError (409)", async () => {
    await h.remote.insert(account("Sales"));
    const error = await rejection(h.remote.insert(account("Sales", { email_id: "other@acme.test" })));
    expect(error).toBeInstanceOf(DuplicateEntryError);
    expect((error as DuplicateEntryError).httpStatus).toBe(409);
  });

  test("save sends the changed fields; with the current modified it lands", async () => {
    const { doc } = await h.remote.insert(account("Sales"));
    const { doc: saved } = await h.remote.save({ doctype: "Email Account", name: "Sales", modified: doc.modified, email_server: "imap.acme.test" });
    expect(saved.email_server).toBe("imap.acme.test");
    expect(saved.modified).not.toBe(doc.modified);
    expect((await h.local.get("Email Account", "Sales")).email_server).toBe("imap.acme.test");
  });

  test("save with a stale modified is TimestampMismatchError and the concurrent change is kept", async () => {
    const { doc } = await h.remote.insert(account("Sales"));
    await h.local.save({ doctype: "Email Account", name: "Sales", email_server: "theirs.acme.test" });
    const error = await rejection(h.remote.save({ doctype: "Email Account", name: "Sales", modified: doc.modified, email_server: "ours.acme.test" }));
    expect(error).toBeInstanceOf(TimestampMismatchError);
    expect(error.message).toMatch(/^Error: Document has been modified after you have opened it/);
    expect((await h.local.get("Email Account", "Sales")).email_server).toBe("theirs.acme.test");
  });

  test("save without a name is refused before anything is sent", async () => {
    await expect(h.remote.save({ doctype: "Email Account", email_server: "x" })).rejects.toThrow("save needs the name of the Email Account to update");
  });

  test("setValue goes through frappe.client.set_value", async () => {
    await h.remote.insert(account("Sales"));
    await h.remote.setValue("Email Account", "Sales", { email_server: "set.acme.test" });
    expect((await h.local.get("Email Account", "Sales")).email_server).toBe("set.acme.test");
  });

  test("delete removes the record; a missing one is DoesNotExistError with Frappe's text", async () => {
    await h.remote.insert({ doctype: "Email Domain", domain_name: "acme.test", email_server: "imap.acme.test", smtp_server: "smtp.acme.test" });
    await h.remote.delete("Email Domain", "acme.test");
    expect(await h.local.exists("Email Domain", "acme.test")).toBe(false);
    const error = await rejection(h.remote.delete("Email Domain", "acme.test"));
    expect(error).toBeInstanceOf(DoesNotExistError);
    expect(error.message).toBe("Email Domain acme.test not found");
  });

  test("getPassword answers the secret; none stored is AuthenticationError with Frappe's text", async () => {
    await h.local.insert(account("Sales", { password: "imap-pass-1" }));
    await h.local.insert(account("Support", { awaiting_password: 1 }));
    expect(await h.remote.getPassword("Email Account", "Sales")).toBe("imap-pass-1");
    const error = await rejection(h.remote.getPassword("Email Account", "Support"));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe("Password not found for Email Account Support password");
  });
});

describe("files and methods", () => {
  test("uploadFile sends a Buffer and creates an attached File record", async () => {
    const { doc: todo } = await h.remote.insert({ doctype: "ToDo", description: "with attachment" });
    const file = await h.remote.uploadFile({ filename: "note.txt", content: Buffer.from("hello remote"), attachedToDoctype: "ToDo", attachedToName: String(todo.name) });
    expect(file).toMatchObject({ doctype: "File", attached_to_doctype: "ToDo", attached_to_name: todo.name, is_private: 1, file_size: 12 });
    expect(await h.local.count("File", { attached_to_name: String(todo.name) })).toBe(1);
  });

  test("uploadFile streams a stream through (chunked), public when asked", async () => {
    const chunks = Array.from({ length: 64 }, (_, i) => Buffer.alloc(16 * 1024, i));
    const file = await h.remote.uploadFile({ filename: "big.bin", content: Readable.from(chunks), isPrivate: false });
    expect(file).toMatchObject({ doctype: "File", is_private: 0, file_size: 64 * 16 * 1024 });
    expect(String(file.file_url)).toMatch(/^\/files\/big/);
  });

  test("call runs a whitelisted method; an unknown one is the site's ValidationError", async () => {
    expect(await h.remote.call("frappe.auth.get_logged_user")).toBe("Administrator");
    await h.local.insert(account("Sales"));
    expect(await h.remote.call("frappe.client.get_value", { doctype: "Email Account", filters: { name: "Sales" }, fieldname: "email_id" })).toEqual({ email_id: "sales@acme.test" });
    const error = await rejection(h.remote.call("frappe.client.no_such_method"));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe("Failed to get method for command frappe.client.no_such_method with module 'frappe.client' has no attribute 'no_such_method'");
  });
});

describe("batches", () => {
  test("insertMany inserts over kept-alive connections with bounded concurrency, outcomes in input order", async () => {
    const docs = Array.from({ length: 12 }, (_, i) => ({ doctype: "ToDo", description: `batch ${i}` }));
    const outcomes = await h.remote.insertMany([...docs, { doctype: "Email Account", email_account_name: "Bad" }], { concurrency: 4 });
    expect(outcomes.map((o) => o.status)).toEqual([...docs.map(() => "inserted"), "failed"]);
    expect(await h.local.count("ToDo")).toBe(12);
    const last = outcomes[12];
    expect(last?.status === "failed" && last.error).toBeInstanceOf(MandatoryError);
  });

  test("transaction: when the body fails, the records it inserted are deleted again", async () => {
    const error = await rejection(
      h.remote.transaction(async () => {
        await h.remote.insert({ doctype: "Email Domain", domain_name: "acme.test", email_server: "imap.acme.test", smtp_server: "smtp.acme.test" });
        await h.remote.insert(account("Sales"));
        await h.remote.insert({ doctype: "Email Account", email_account_name: "Broken" });
      }),
    );
    expect(error).toBeInstanceOf(MandatoryError);
    expect(await h.local.count("Email Account")).toBe(0);
    expect(await h.local.count("Email Domain")).toBe(0);
  });

  test("transaction: a body that succeeds keeps everything", async () => {
    await h.remote.transaction(async () => {
      await h.remote.insert(account("Sales"));
      await h.remote.insert(account("Support"));
    });
    expect(await h.local.count("Email Account")).toBe(2);
  });

  test("dryRun is refused: a Frappe site cannot roll back over REST", async () => {
    const error = await rejection(h.remote.dryRun([account("Sales")]));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/validate against a local site file$/);
  });
});
