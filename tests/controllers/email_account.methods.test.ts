import { getDomainValues } from "../../controllers/email_account";
import { EMAIL_ACCOUNT_MODULE } from "../../controllers/email_account/methods";
import { ValidationError } from "../../src/errors";
import { account, imapAccount, openTestSite, type TestSite } from "./email_account.fixture";

const SECRET = "S3cr3t-Pa55w0rd";

describe("Email Account methods and passwords", () => {
  let t: TestSite;
  beforeEach(() => (t = openTestSite()));
  afterEach(() => t.close());

  test("M1 get_domain_values returns the Email Domain's settings, null for an unknown domain", async () => {
    await t.site.insert({
      doctype: "Email Domain",
      domain_name: "example.com",
      email_server: "imap.example.com",
      use_imap: 1,
      use_ssl: 1,
      smtp_server: "smtp.example.com",
      smtp_port: "587",
      use_tls: 1,
    });
    expect(await getDomainValues(t.site, "example.com")).toMatchObject({
      email_server: "imap.example.com",
      use_imap: 1,
      use_ssl: 1,
      use_starttls: 0,
      use_tls: 1,
      smtp_server: "smtp.example.com",
      smtp_port: "587",
      use_ssl_for_outgoing: 0,
      append_emails_to_sent_folder: 0,
    });
    expect(await getDomainValues(t.site, "nowhere.example")).toBeNull();
  });

  test("M2 get_append_to lists the Append To targets as [[doctype]], filtered by a case-sensitive txt", async () => {
    const all = await t.site.call(`${EMAIL_ACCOUNT_MODULE}.get_append_to`, {});
    expect(all).toEqual([["Communication"], ["Event"], ["Issue"], ["Job Applicant"], ["Lead"], ["Opportunity"], ["ToDo"]]);
    expect(await t.site.call(`${EMAIL_ACCOUNT_MODULE}.get_append_to`, { txt: "o" })).toEqual([["Communication"], ["Job Applicant"], ["Opportunity"], ["ToDo"]]);
    expect(await t.site.call(`${EMAIL_ACCOUNT_MODULE}.get_append_to`, { txt: "To" })).toEqual([["ToDo"]]);
  });

  test("M4 set_email_password sets the password of an awaiting account, runs the login test and returns true", async () => {
    await t.site.insert(imapAccount({ awaiting_password: 1 }));
    expect(await t.site.call(`${EMAIL_ACCOUNT_MODULE}.set_email_password`, { email_account: "Support", password: SECRET })).toBe(true);
    expect(t.mail.incoming).toEqual([expect.objectContaining({ account: "Support", password: SECRET })]);
    expect((await t.site.get("Email Account", "Support")).awaiting_password).toBe(0);
    expect(await t.site.getPassword("Email Account", "Support", "password")).toBe(SECRET);
    // Nothing awaited any more: nothing to do, still true.
    expect(await t.site.call(`${EMAIL_ACCOUNT_MODULE}.set_email_password`, { email_account: "Support", password: "other" })).toBe(true);
    expect(await t.site.getPassword("Email Account", "Support", "password")).toBe(SECRET);
  });

  test("M4 set_email_password returns false when the save fails, writes nothing and never logs the password", async () => {
    await t.site.insert(imapAccount({ awaiting_password: 1 }));
    t.mail.incomingError = new ValidationError("Please check your email login credentials.", { title: "Invalid Credentials" });
    expect(await t.site.call(`${EMAIL_ACCOUNT_MODULE}.set_email_password`, { email_account: "Support", password: SECRET })).toBe(false);
    expect((await t.site.get("Email Account", "Support")).awaiting_password).toBe(1);
    await expect(t.site.getPassword("Email Account", "Support", "password")).rejects.toThrow("Password not found");
    expect(JSON.stringify(t.log.lines)).not.toContain(SECRET);
  });

  test("R30 passwords: the row keeps a mask of the same length, the secret is stored apart, the mask sent back keeps it", async () => {
    const { doc } = await t.site.insert(account({ password: SECRET }));
    expect(doc.password).toBe("*".repeat(SECRET.length));
    expect(await t.site.getPassword("Email Account", "Support", "password")).toBe(SECRET);
    await t.site.save({ doctype: "Email Account", name: "Support", password: doc.password, unreplied_for_mins: 50 });
    expect(await t.site.getPassword("Email Account", "Support", "password")).toBe(SECRET);
  });

  test("R31 ascii_encode_password is kept and changes nothing in the login test", async () => {
    await t.site.insert(imapAccount({ password: SECRET }));
    await t.site.insert(imapAccount({ email_id: "x@example.com", email_account_name: "Support 2", password: SECRET, ascii_encode_password: 1 }));
    const [plain, ascii] = t.mail.incoming;
    expect({ ...ascii, account: "Support", user: "support@example.com" }).toEqual(plain);
    expect((await t.site.get("Email Account", "Support 2")).ascii_encode_password).toBe(1);
  });
});
