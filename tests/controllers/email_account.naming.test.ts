import { accountNameFromEmail, pythonTitle } from "../../controllers/email_account/account-name";
import { MandatoryError } from "../../src/errors";
import { account, openTestSite, rejection, type TestSite } from "./email_account.fixture";

/**
 * A v15.55.1 site's answer to this insert: request and response body `data` of
 * shared/reference/frappe-responses/04-insert-email-account-awaiting-password.json, verbatim.
 */
const V15_REQUEST: Record<string, unknown> = {
  email_account_name: "Capture Support",
  email_id: "support@capture.example.test",
  domain: "capture.example.test",
  awaiting_password: 1,
  enable_incoming: 0,
  enable_outgoing: 0,
};
const V15_RESPONSE: Record<string, unknown> = {
  name: "Capture Support",
  owner: "Administrator",
  creation: "2026-11-27 12:01:02.566371",
  modified: "2026-11-27 12:01:02.566371",
  modified_by: "Administrator",
  docstatus: 0,
  idx: 0,
  email_id: "support@capture.example.test",
  email_account_name: "Capture Support",
  domain: "capture.example.test",
  service: "",
  auth_method: "Basic",
  backend_app_flow: 0,
  awaiting_password: 1,
  ascii_encode_password: 0,
  login_id_is_different: 0,
  enable_incoming: 0,
  default_incoming: 0,
  use_imap: 1,
  use_ssl: 0,
  use_starttls: 0,
  email_server: "127.0.0.1",
  attachment_limit: 0,
  email_sync_option: "UNSEEN",
  initial_sync_count: "250",
  append_emails_to_sent_folder: 0,
  sent_folder_name: "Sent",
  create_contact: 1,
  enable_automatic_linking: 0,
  notify_if_unreplied: 0,
  unreplied_for_mins: 30,
  enable_outgoing: 0,
  use_tls: 0,
  use_ssl_for_outgoing: 0,
  smtp_server: "127.0.0.1",
  smtp_port: "18025",
  default_outgoing: 0,
  always_use_account_email_id_as_sender: 0,
  always_use_account_name_as_sender_name: 0,
  send_unsubscribe_message: 1,
  track_email_status: 1,
  no_smtp_authentication: 0,
  add_signature: 0,
  enable_auto_reply: 0,
  uidnext: 0,
  no_failed: 0,
  doctype: "Email Account",
  imap_folder: [],
};

/** The Email Domain of the v15 capture (03-insert-email-domain.json). */
const CAPTURE_DOMAIN = {
  doctype: "Email Domain",
  domain_name: "capture.example.test",
  email_server: "127.0.0.1",
  use_imap: 1,
  use_ssl: 0,
  use_starttls: 0,
  incoming_port: "18143",
  smtp_server: "127.0.0.1",
  smtp_port: "18025",
  use_tls: 0,
  use_ssl_for_outgoing: 0,
};

describe("Email Account naming", () => {
  let t: TestSite;
  beforeEach(() => (t = openTestSite()));
  afterEach(() => t.close());

  test("R1 autoname derives the name from the local part with Python's str.title() rules", async () => {
    expect(accountNameFromEmail("support_team.eu-west@x.com")).toBe("Support Team Eu West");
    expect(accountNameFromEmail("o'neil2go@x.com")).toBe("O'Neil2Go");
    expect(pythonTitle("mIXED cASE 3rd")).toBe("Mixed Case 3Rd");
    const { doc } = await t.site.insert(account({ email_id: "support_team.eu-west@example.com" }));
    expect(doc.name).toBe("Support Team Eu West");
    expect(doc.email_account_name).toBe("Support Team Eu West");
  });

  test("R1 autoname uses a given email_account_name and discards a client-given name", async () => {
    const { doc } = await t.site.insert(account({ name: "ignored", email_account_name: "Help Desk" }));
    expect(doc.name).toBe("Help Desk");
  });

  test("R1 deviation: neither email_id nor email_account_name gives the mandatory message, not an internal error", async () => {
    const err = await rejection(t.site.insert({ doctype: "Email Account" }));
    expect(err).toBeInstanceOf(MandatoryError);
    expect(err.message).toBe("Error: Value missing for Email Account: Email Address");
  });

  test("R14 deviation: before_validate fills an empty domain from the address (case-insensitive) and copies the domain's fetch_from fields", async () => {
    await t.site.insert(CAPTURE_DOMAIN);
    const { doc } = await t.site.insert(account({ email_id: "Help@Capture.Example.Test", awaiting_password: 1 }));
    expect(doc.domain).toBe("capture.example.test");
    expect(doc).toMatchObject({ use_imap: 1, email_server: "127.0.0.1", smtp_server: "127.0.0.1", smtp_port: "18025", sent_folder_name: "Sent" });
  });

  test("R14 deviation: before_validate leaves domain empty when no Email Domain matches, and keeps a domain removed on purpose", async () => {
    const { doc: plain } = await t.site.insert(account({ email_id: "a@nowhere.example" }));
    expect(plain.domain ?? null).toBeNull();
    await t.site.insert(CAPTURE_DOMAIN);
    const { doc } = await t.site.insert(account({ email_id: "b@capture.example.test", awaiting_password: 1 }));
    expect(doc.domain).toBe("capture.example.test");
    const { doc: saved } = await t.site.save({ doctype: "Email Account", name: doc.name, domain: null });
    expect(saved.domain ?? null).toBeNull();
  });

  test("the stored record matches what a v15 site returns for the same insert (04-insert-email-account-awaiting-password)", async () => {
    await t.site.insert(CAPTURE_DOMAIN);
    await t.site.insert({ doctype: "Email Account", ...V15_REQUEST });
    const stored = await t.site.get("Email Account", "Capture Support");
    const expected = { ...V15_RESPONSE };
    for (const key of ["name", "creation", "modified"]) delete expected[key];
    for (const [key, value] of Object.entries(expected)) expect([key, stored[key]]).toEqual([key, value]);
    // Same keys: what v15 leaves out (empty values) we leave empty too.
    const ours = Object.keys(stored).filter((key) => stored[key] !== null && stored[key] !== undefined && !["name", "creation", "modified"].includes(key));
    expect(ours.sort()).toEqual(Object.keys(expected).sort());
  });
});
