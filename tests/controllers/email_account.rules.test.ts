import { DuplicateEntryError, MandatoryError, ValidationError } from "../../src/errors";
import { account, imapAccount, openTestSite, rejection, type TestSite } from "./email_account.fixture";

/** The rules of the behaviour reference that state what Frappe does NOT check, and the small ones. */
describe("Email Account: the remaining numbered rules", () => {
  let t: TestSite;
  beforeEach(() => (t = openTestSite()));
  afterEach(() => t.close());

  test("R15 no port validation beyond the defaults: a non-standard port is kept as given", async () => {
    const { doc } = await t.site.insert(imapAccount({ awaiting_password: 1, incoming_port: "10143", smtp_port: "2525" }));
    expect(doc.incoming_port).toBe("10143");
    expect(doc.smtp_port).toBe("2525");
  });

  test("R16 select fields are checked by the generic select rule only", async () => {
    const err = await rejection(t.site.insert(imapAccount({ awaiting_password: 1, initial_sync_count: "1000" })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe(' Initial Sync Count cannot be "1000". It should be one of "100", "250", "500"');
  });

  test("R17 the Append To DocType's own email settings are not re-checked on the account (ToDo is accepted as is)", async () => {
    const { doc } = await t.site.insert(imapAccount({ awaiting_password: 1, imap_folder: [{ folder_name: "INBOX", append_to: "ToDo" }] }));
    expect((doc.imap_folder as Array<Record<string, unknown>>)[0]?.append_to).toBe("ToDo");
  });

  test("R18 validate does not refuse default_incoming without enable_incoming (before_save turns it off, R19)", async () => {
    const { doc, messages } = await t.site.insert(account({ default_incoming: 1 }));
    expect(doc.default_incoming).toBe(0);
    expect(messages.map((m) => m.title)).toEqual(["Defaults Updated"]);
  });

  test("R23 saving an account never changes its Email Domain", async () => {
    await t.site.insert({ doctype: "Email Domain", domain_name: "example.com", email_server: "imap.example.com", smtp_server: "smtp.example.com" });
    const before = await t.site.get("Email Domain", "example.com");
    await t.site.insert(imapAccount({ awaiting_password: 1, domain: "example.com" }));
    expect(await t.site.get("Email Domain", "example.com")).toEqual(before);
  });

  test("R24 a User cannot list the same Email Account twice", async () => {
    await t.site.insert(imapAccount({ awaiting_password: 1 }));
    const row = { email_account: "Support" };
    const err = await rejection(t.site.insert({ doctype: "User", email: "Sam@Example.com", first_name: "Sam", user_emails: [row, row] }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe("Email Account added multiple times");
    const { doc } = await t.site.insert({ doctype: "User", email: "Sam@Example.com", first_name: "Sam", user_emails: [row] });
    expect(doc.name).toBe("sam@example.com");
  });

  test("R32 deviation: an OAuth account needs its Connected App on the server too (v15 asks only in the form)", async () => {
    const err = await rejection(t.site.insert(account({ auth_method: "OAuth" })));
    expect(err).toBeInstanceOf(MandatoryError);
    expect(err.message).toBe("Error: Value missing for Email Account: Connected App");
  });
});

describe("Email Domain: D2", () => {
  let t: TestSite;
  beforeEach(() => (t = openTestSite()));
  afterEach(() => t.close());

  test("D2 domain_name, email_server and smtp_server are required, and domain_name names the record once", async () => {
    const missing = await rejection(t.site.insert({ doctype: "Email Domain", domain_name: "example.com", smtp_server: "smtp.example.com" }));
    expect(missing).toBeInstanceOf(MandatoryError);
    expect(missing.message).toBe("Error: Value missing for Email Domain: Incoming Server");
    const domain = { doctype: "Email Domain", domain_name: "example.com", email_server: "imap.example.com", smtp_server: "smtp.example.com" };
    const { doc } = await t.site.insert(domain);
    expect(doc.name).toBe("example.com");
    const again = await rejection(t.site.insert(domain));
    expect(again).toBeInstanceOf(DuplicateEntryError);
    expect(again.message).toBe("Email Domain <strong>example.com</strong> already exists");
  });
});
