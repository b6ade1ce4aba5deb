import fs from "node:fs";
import path from "node:path";
import { FrappeApp } from "frappe-js-sdk";
import { captureDomain, captureSales, captureSupport } from "./support/capture-setup";
import { API_KEY, API_SECRET, type RunningServer, startServer } from "./support/test-server";

/** frappe-js-sdk, the client a Frappe site's own JS apps use, against this server: it cannot tell the difference. */
const MODULE = "frappe.email.doctype.email_account.email_account";
let running: RunningServer;
let app: FrappeApp;

beforeEach(async () => {
  running = await startServer({
    seed: async (site) => {
      for (const step of [captureDomain, captureSupport, captureSales]) await step(site, {});
    },
  });
  app = new FrappeApp(running.url, { useToken: true, token: () => `${API_KEY}:${API_SECRET}`, type: "token" });
});
afterEach(() => running.stop());

describe("db()", () => {
  test("getDocList: names by default, then fields, filters, order, limit, as lists", async () => {
    const db = app.db();
    expect(await db.getDocList("Email Account")).toEqual(expect.arrayContaining([{ name: "Capture Sales" }, { name: "Capture Support" }]));
    const rows = await db.getDocList("Email Account", {
      fields: ["name", "email_id"],
      filters: [["email_id", "like", "%capture.example.test"]],
      orderBy: { field: "name", order: "desc" },
      limit: 1,
    });
    expect(rows).toEqual([{ name: "Capture Support", email_id: "support@capture.example.test" }]);
    const page2 = await db.getDocList("Email Account", { fields: ["name"], orderBy: { field: "name", order: "asc" }, limit: 1, limit_start: 1 });
    expect(page2).toEqual([{ name: "Capture Support" }]);
    const asLists = await db.getDocList("Email Account", { fields: ["name", "awaiting_password"], orderBy: { field: "name", order: "asc" }, asDict: false });
    expect(asLists).toEqual([["Capture Sales", 0], ["Capture Support", 1]]);
  });

  test("getDocList with orFilters: either condition", async () => {
    const rows = await app.db().getDocList("Email Account", {
      fields: ["name"],
      orFilters: [["name", "=", "Capture Sales"], ["awaiting_password", "=", 1]],
      orderBy: { field: "name", order: "asc" },
    });
    expect(rows).toEqual([{ name: "Capture Sales" }, { name: "Capture Support" }]);
  });

  test("getDoc: the record with its password masked", async () => {
    const doc = await app.db().getDoc("Email Account", "Capture Sales");
    expect(doc).toMatchObject({ name: "Capture Sales", email_id: "sales@capture.example.test", password: "***************", doctype: "Email Account", imap_folder: [] });
  });

  test("createDoc, updateDoc, deleteDoc: the lifecycle runs, the answers are Frappe's", async () => {
    const db = app.db();
    const created = await db.createDoc("Email Account", { email_account_name: "SDK", email_id: "sdk@capture.example.test", password: "pw-123456", enable_incoming: 0, enable_outgoing: 0 });
    // R14 here: the domain named like the address is linked and its servers fetched.
    expect(created).toMatchObject({ name: "SDK", password: "*********", domain: "capture.example.test", smtp_server: "127.0.0.1" });
    const updated = await db.updateDoc("Email Account", "SDK", { signature: "Regards", modified: created.modified });
    expect(updated).toMatchObject({ name: "SDK", signature: "Regards" });
    expect(updated.modified > created.modified).toBe(true);
    expect(await db.deleteDoc("Email Account", "SDK")).toEqual({ data: "ok" });
    expect(await running.site.exists("Email Account", "SDK")).toBe(false);
  });

  test("getCount with and without filters", async () => {
    expect(await app.db().getCount("Email Account")).toBe(2);
    expect(await app.db().getCount("Email Account", [["awaiting_password", "=", 1]])).toBe(1);
  });

  test("getValue and setValue go through frappe.client", async () => {
    const value = await app.db().getValue("Email Account", ["email_id"], [["name", "=", "Capture Support"]]);
    expect(value).toEqual({ message: { email_id: "support@capture.example.test" } });
    const set = await app.db().setValue("Email Account", "Capture Sales", "signature", "Kind regards");
    expect(set.message).toMatchObject({ name: "Capture Sales", signature: "Kind regards", domain: null });
  });

  test("a failure rejects with Frappe's error fields", async () => {
    await expect(app.db().getDoc("Email Account", "Nope")).rejects.toMatchObject({ httpStatus: 404, exc_type: "DoesNotExistError" });
    const refused = app.db().createDoc("Email Account", { email_account_name: "Bad", email_id: "not-an-email" });
    await expect(refused).rejects.toMatchObject({ httpStatus: 417, exc_type: "InvalidEmailAddressError", exception: expect.stringContaining("not-an-email is not a valid Email Address") });
  });
});

describe("call()", () => {
  test("get: the logged-in user and a module's whitelisted method", async () => {
    expect(await app.call().get("frappe.auth.get_logged_user")).toEqual({ message: "Administrator" });
    const choices = (await app.call().get(`${MODULE}.get_append_to`, { txt: "To" })) as { message: string[][] };
    expect(choices.message).toEqual(expect.arrayContaining([["ToDo"]]));
  });

  test("post: get_list with a JSON body, and set_email_password", async () => {
    const list = await app.call().post("frappe.client.get_list", { doctype: "Email Account", fields: ["name"], filters: { awaiting_password: 1 } });
    expect(list).toEqual({ message: [{ name: "Capture Support" }] });
    expect(await app.call().post(`${MODULE}.set_email_password`, { email_account: "Capture Support", password: "n3w-secret" })).toEqual({ message: true });
    expect(await running.site.getPassword("Email Account", "Capture Support")).toBe("n3w-secret");
  });
});

test("file().uploadFile: multipart into a File record attached to the account", async () => {
  const file = new File([Buffer.from("hello attachment")], "note.txt", { type: "text/plain" });
  const answer = await app.file().uploadFile(file as never, { isPrivate: true, doctype: "Email Account", docname: "Capture Sales" });
  const doc = (answer as { data: { message: Record<string, unknown> } }).data.message;
  expect(doc).toMatchObject({ doctype: "File", file_name: "note.txt", is_private: 1, attached_to_doctype: "Email Account", attached_to_name: "Capture Sales" });
  const stored = path.join(running.dir, "site-files", "private", "files", "note.txt");
  expect(fs.readFileSync(stored, "utf8")).toBe("hello attachment");
});
