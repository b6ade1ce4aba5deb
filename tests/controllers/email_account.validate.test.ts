import { appendToHint, commaOr } from "../../controllers/email_account/append-to";
import { InvalidEmailAddressError, LinkValidationError, ValidationError } from "../../src/errors";
import { account, imapAccount, openTestSite, rejection, type TestSite } from "./email_account.fixture";

/** This site's Append To targets (DocTypes with email_append_to, not child tables or singles). */
const TARGETS = ["Communication", "Event", "Issue", "Job Applicant", "Lead", "Opportunity", "ToDo"];
const APPEND_TO_MESSAGE =
  "Append To can be one of 'Communication', 'Event', 'Issue', 'Job Applicant', 'Lead', 'Opportunity' or 'ToDo'";

describe("Email Account validate", () => {
  let t: TestSite;
  beforeEach(() => (t = openTestSite()));
  afterEach(() => t.close());

  test("R2 email syntax: an invalid email_id is InvalidEmailAddressError with Frappe's text", async () => {
    const err = await rejection(t.site.insert(account({ email_account_name: "Bad", email_id: "not-an-email" })));
    expect(err).toBeInstanceOf(InvalidEmailAddressError);
    expect(err.message).toBe("not-an-email is not a valid Email Address");
    const html = await rejection(t.site.insert(account({ email_account_name: "Bad2", email_id: "<b>x" })));
    expect(html.message).toBe("&lt;b&gt;x is not a valid Email Address");
  });

  test("R3 login id is required when login_id_is_different, and cleared to null when it is off", async () => {
    const err = await rejection(t.site.insert(account({ login_id_is_different: 1 })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe("Login Id is required");
    const { doc } = await t.site.insert(account({ login_id: "leftover" }));
    expect(doc.login_id ?? null).toBeNull();
    const { doc: different } = await t.site.insert(account({ email_id: "x@example.com", login_id_is_different: 1, login_id: "x-login" }));
    expect(different.login_id).toBe("x-login");
  });

  test("R4 IMAP needs a folder: incoming IMAP without folder rows is refused", async () => {
    const err = await rejection(t.site.insert(imapAccount({ imap_folder: [], awaiting_password: 1 })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe("You need to set one IMAP folder for <strong>support@example.com</strong>");
    await expect(t.site.insert(imapAccount({ awaiting_password: 1 }))).resolves.toBeDefined();
  });

  test("R12 unreplied notification: Send Notification to is mandatory, commas become newlines, each line is an address", async () => {
    const missing = await rejection(t.site.insert(account({ notify_if_unreplied: 1 })));
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing.message).toBe("Send Notification to is mandatory");

    const bad = await rejection(t.site.insert(account({ notify_if_unreplied: 1, send_notification_to: "a@example.com, nope" })));
    expect(bad).toBeInstanceOf(InvalidEmailAddressError);
    expect(bad.message).toBe("nope is not a valid Email Address");

    const { doc } = await t.site.insert(account({ notify_if_unreplied: 1, send_notification_to: "a@example.com,b@example.com\n\nc@example.com" }));
    expect(doc.send_notification_to).toBe("a@example.com\nb@example.com\n\nc@example.com");
  });

  test("R13 IMAP folder append_to must be an Append To target (Frappe's comma_or text)", async () => {
    expect(commaOr(TARGETS)).toBe(APPEND_TO_MESSAGE.slice("Append To can be one of ".length));
    expect(commaOr(["ToDo"])).toBe("ToDo");
    const folders = [{ folder_name: "INBOX", append_to: "ToDo" }, { folder_name: "Archive", append_to: "Contact" }];
    const err = await rejection(t.site.insert(imapAccount({ awaiting_password: 1, imap_folder: folders })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe(`${APPEND_TO_MESSAGE}${appendToHint("Contact")}`);
    // Without incoming the folders are not checked (v15).
    await expect(t.site.insert(imapAccount({ enable_incoming: 0, imap_folder: folders }))).resolves.toBeDefined();
  });

  test("R13 decision: the account-level append_to is checked too, with the hint for a DocType lacking email_append_to (Task)", async () => {
    const err = await rejection(t.site.insert(account({ enable_incoming: 1, awaiting_password: 1, email_server: "pop.example.com", append_to: "Task" })));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe(
      "Append To can be one of 'Communication', 'Event', 'Issue', 'Job Applicant', 'Lead', 'Opportunity' or 'ToDo'" +
        ' — Task is not enabled for "Append To": set "Allow document creation via Email" (email_append_to) on it through Customize Form.',
    );
    // A child table can never be a target: Frappe's text alone, no hint.
    const child = await rejection(t.site.insert(account({ enable_incoming: 1, awaiting_password: 1, append_to: "IMAP Folder" })));
    expect(child.message).toBe(APPEND_TO_MESSAGE);
    // A DocType that does not exist is a link error before any rule.
    const missing = await rejection(t.site.insert(account({ enable_incoming: 1, awaiting_password: 1, append_to: "No Such DocType" })));
    expect(missing).toBeInstanceOf(LinkValidationError);
    const { doc } = await t.site.insert(account({ enable_incoming: 1, awaiting_password: 1, append_to: "Issue" }));
    expect(doc.append_to).toBe("Issue");
  });

  test("R19 before_save turns off a default flag without its enable flag, one orange 'Defaults Updated' message per change", async () => {
    const { doc, messages } = await t.site.insert(account({ default_incoming: 1, default_outgoing: 1 }));
    expect(doc.default_incoming).toBe(0);
    expect(doc.default_outgoing).toBe(0);
    expect(messages).toEqual([
      {
        message: "<strong>Default Incoming</strong> has been disabled. It can only be enabled if <strong>Enable Incoming</strong> is checked.",
        title: "Defaults Updated",
        indicator: "orange",
      },
      {
        message: "<strong>Default Outgoing</strong> has been disabled. It can only be enabled if <strong>Enable Outgoing</strong> is checked.",
        title: "Defaults Updated",
        indicator: "orange",
      },
    ]);
  });
});
