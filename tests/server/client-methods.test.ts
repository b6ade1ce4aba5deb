import { captureDomain, captureSales, captureSupport } from "./support/capture-setup";
import { call, type RunningServer, serverMessages, startServer } from "./support/test-server";

/** `/api/method/frappe.client.*` (src/server/methods/client-methods.ts) beyond what the captures show. */
let running: RunningServer;
beforeEach(async () => {
  running = await startServer({
    seed: async (site) => {
      for (const step of [captureDomain, captureSupport, captureSales]) await step(site, {});
    },
  });
});
afterEach(() => running.stop());

const method = (name: string, query = "") => `/api/method/${name}${query ? `?${query}` : ""}`;
const q = (args: Record<string, string>) => new URLSearchParams(args).toString();

describe("get_value", () => {
  test("as_dict=0 answers the bare value for one field, a list for several", async () => {
    const one = await call(running.url, "GET", method("frappe.client.get_value", q({ doctype: "Email Account", fieldname: "email_id", filters: "Capture Sales", as_dict: "0" })));
    expect(one.body).toEqual({ message: "sales@capture.example.test" });
    const two = await call(running.url, "GET", method("frappe.client.get_value", q({ doctype: "Email Account", fieldname: '["email_id","awaiting_password"]', filters: '{"name":"Capture Support"}', as_dict: "0" })));
    expect(two.body).toEqual({ message: ["support@capture.example.test", 1] });
  });

  test("no match: {} as a dict, no message at all as a value (Python's None)", async () => {
    const dict = await call(running.url, "GET", method("frappe.client.get_value", q({ doctype: "Email Account", fieldname: "email_id", filters: "Nope" })));
    expect(dict.body).toEqual({ message: {} });
    const value = await call(running.url, "GET", method("frappe.client.get_value", q({ doctype: "Email Account", fieldname: "email_id", filters: "Nope", as_dict: "0" })));
    expect(value.body).toEqual({});
  });
});

describe("get_list", () => {
  test("or_filters: records matching any alternative, with the and-filters on top", async () => {
    const answer = await call(running.url, "POST", method("frappe.client.get_list"), {
      json: { doctype: "Email Account", fields: ["name"], filters: { email_id: ["like", "%capture%"] }, or_filters: [["awaiting_password", "=", 1], ["name", "=", "Capture Sales"]], order_by: "name asc" },
    });
    expect(answer.body).toEqual({ message: [{ name: "Capture Sales" }, { name: "Capture Support" }] });
    const none = await call(running.url, "POST", method("frappe.client.get_list"), { json: { doctype: "Email Account", or_filters: { name: "Nope" } } });
    expect(none.body).toEqual({ message: [] });
  });

  test("`limit` is not a get_list argument: Frappe ignores it there, only limit_page_length pages", async () => {
    const ignored = await call(running.url, "POST", method("frappe.client.get_list"), { json: { doctype: "Email Account", limit: 1 } });
    expect((ignored.body as { message: unknown[] }).message).toHaveLength(2);
    const paged = await call(running.url, "POST", method("frappe.client.get_list"), { json: { doctype: "Email Account", limit_page_length: 1, limit_start: 1, order_by: "name asc" } });
    expect(paged.body).toEqual({ message: [{ name: "Capture Support" }] });
  });

  test("group_by is refused with a DataError rather than answered wrongly", async () => {
    const answer = await call(running.url, "POST", method("frappe.client.get_list"), { json: { doctype: "Email Account", group_by: "domain" } });
    expect(answer.status).toBe(417);
    expect(serverMessages(answer.body)[0]?.message).toBe("group_by is not supported by this site");
  });
});

describe("get, insert, save, set_value, delete", () => {
  test("get answers as_dict(): every column, nulls included; by filters too", async () => {
    const byName = await call(running.url, "GET", method("frappe.client.get", q({ doctype: "Email Account", name: "Capture Sales" })));
    expect((byName.body as { message: Record<string, unknown> }).message).toMatchObject({ name: "Capture Sales", domain: null, login_id: null, password: "***************", imap_folder: [] });
    const byFilters = await call(running.url, "GET", method("frappe.client.get", q({ doctype: "Email Account", filters: '{"awaiting_password":1}' })));
    expect((byFilters.body as { message: { name: string } }).message.name).toBe("Capture Support");
  });

  test("writes need POST or PUT, as their @frappe.whitelist(methods=...) says; GET is 'Not permitted'", async () => {
    for (const name of ["frappe.client.insert", "frappe.client.save", "frappe.client.set_value", "frappe.client.delete", "upload_file"]) {
      const answer = await call(running.url, "GET", method(name));
      expect(answer.status).toBe(403);
      expect(serverMessages(answer.body)[0]?.message).toBe("Not permitted");
    }
  });

  test("save: a partial document saved through the lifecycle, answered with nulls", async () => {
    const answer = await call(running.url, "POST", method("frappe.client.save"), { json: { doc: { doctype: "Email Account", name: "Capture Sales", signature: "Best" } } });
    expect(answer.status).toBe(200);
    expect((answer.body as { message: Record<string, unknown> }).message).toMatchObject({ name: "Capture Sales", signature: "Best", footer: null });
  });

  test("set_value: one field, a dict of fields, standard fields refused", async () => {
    const one = await call(running.url, "POST", method("frappe.client.set_value"), { json: { doctype: "Email Account", name: "Capture Sales", fieldname: "signature", value: "One" } });
    expect((one.body as { message: Record<string, unknown> }).message.signature).toBe("One");
    const several = await call(running.url, "POST", method("frappe.client.set_value"), {
      body: q({ doctype: "Email Account", name: "Capture Sales", fieldname: '{"signature":"Two","add_signature":1}' }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect((several.body as { message: Record<string, unknown> }).message).toMatchObject({ signature: "Two", add_signature: 1 });
    const standard = await call(running.url, "POST", method("frappe.client.set_value"), { json: { doctype: "Email Account", name: "Capture Sales", fieldname: "owner", value: "x" } });
    expect(standard.status).toBe(417);
    expect(serverMessages(standard.body)[0]?.message).toBe("Cannot edit standard fields");
  });

  test("delete: answers without a message (None); a missing record is the bare 404", async () => {
    const gone = await call(running.url, "POST", method("frappe.client.delete"), { json: { doctype: "Email Account", name: "Capture Sales" } });
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({});
    expect(await running.site.exists("Email Account", "Capture Sales")).toBe(false);
    const missing = await call(running.url, "DELETE", method("frappe.client.delete", q({ doctype: "Email Account", name: "Capture Sales" })));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ exc_type: "DoesNotExistError" });
  });

  test("insert of a child-table row is refused with a clear InputError", async () => {
    const answer = await call(running.url, "POST", method("frappe.client.insert"), { json: { doc: { doctype: "IMAP Folder", folder_name: "INBOX" } } });
    expect(answer.status).toBe(400);
    expect(serverMessages(answer.body)[0]?.message).toBe("IMAP Folder is a child table: save its parent document instead");
  });

  test("get_password of a record that does not exist is a 404, not 'Password not found'", async () => {
    const answer = await call(running.url, "GET", method("frappe.client.get_password", q({ doctype: "Email Account", name: "Nope", fieldname: "password" })));
    expect(answer.status).toBe(404);
    expect((answer.body as { exc_type: string }).exc_type).toBe("DoesNotExistError");
  });
});

describe("messages and module methods", () => {
  test("a write's non-error messages come back in _server_messages of the success answer", async () => {
    // No mail engine is attached to this site: the Email Domain's connection test is skipped, and says so.
    const answer = await call(running.url, "POST", "/api/resource/Email Domain", { json: { domain_name: "other.example", email_server: "imap.other.example", smtp_server: "smtp.other.example", use_imap: 1 } });
    expect(answer.status).toBe(200);
    expect(serverMessages(answer.body)).toEqual([{ message: "Connection test skipped", indicator: "orange" }]);
  });

  test("the Email Account module's get_append_to over GET", async () => {
    const answer = await call(running.url, "GET", method("frappe.email.doctype.email_account.email_account.get_append_to", q({ txt: "Communication" })));
    expect(answer.body).toEqual({ message: [["Communication"]] });
  });

  test("frappe.ping answers Guest; other methods refuse Guest as not whitelisted", async () => {
    expect((await call(running.url, "GET", method("frappe.ping"), { auth: false })).body).toEqual({ message: "pong" });
    const guest = await call(running.url, "POST", method("frappe.client.get_list"), { auth: false, json: { doctype: "Email Account" } });
    expect(guest.status).toBe(403);
    expect(serverMessages(guest.body)[0]).toMatchObject({
      message: "<details><summary>You are not permitted to access this resource.</summary>Function <strong>frappe.client.get_list</strong> is not whitelisted.</details>",
      title: "Method Not Allowed",
    });
  });

  test("/api/method/x/anything is x (Frappe's backward-compatible form), and /api/v1/ is /api/", async () => {
    expect((await call(running.url, "GET", method("frappe.auth.get_logged_user/extra"))).body).toEqual({ message: "Administrator" });
    expect((await call(running.url, "GET", "/api/v1/method/frappe.auth.get_logged_user")).body).toEqual({ message: "Administrator" });
    expect((await call(running.url, "GET", "/api/v1/resource/Email Account/Capture Sales")).status).toBe(200);
  });
});
