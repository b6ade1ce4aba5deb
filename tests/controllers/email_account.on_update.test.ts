import type { Doc } from "../../src/core/doc";
import { ValidationError } from "../../src/errors";
import { account, imapAccount, openTestSite, rejection, type TestSite } from "./email_account.fixture";

const SECRET = "S3cr3t-Pa55w0rd";

async function insertUser(t: TestSite, email: string): Promise<string> {
  const { doc } = await t.site.insert({ doctype: "User", email, first_name: "Sam" });
  return String(doc.name);
}

async function inboxRows(t: TestSite, user: string): Promise<Doc[]> {
  const doc = await t.site.get("User", user);
  return (doc.user_emails as Doc[] | undefined) ?? [];
}

describe("Email Account on_update and on_trash", () => {
  let t: TestSite;
  beforeEach(() => (t = openTestSite()));
  afterEach(() => t.close());

  test("R20 automatic linking needs incoming and may be on for one Email Account only; a refusal writes nothing", async () => {
    const noIncoming = await rejection(t.site.insert(account({ enable_automatic_linking: 1 })));
    expect(noIncoming).toBeInstanceOf(ValidationError);
    expect(noIncoming.message).toBe("Automatic Linking can be activated only if Incoming is enabled.");
    expect(await t.site.exists("Email Account", "Support")).toBe(false);

    await t.site.insert(imapAccount({ enable_automatic_linking: 1, awaiting_password: 1 }));
    const second = await rejection(t.site.insert(imapAccount({ email_id: "sales@example.com", enable_automatic_linking: 1, awaiting_password: 1 })));
    expect(second.message).toBe("Automatic Linking can be activated only for one Email Account.");
    expect(await t.site.exists("Email Account", "Sales")).toBe(false);
    // Saving the account that holds the flag is fine.
    await expect(t.site.save({ doctype: "Email Account", name: "Support", unreplied_for_mins: 40 })).resolves.toBeDefined();
  });

  test("R21 single default (deviation): the flag is cleared on the other accounts without re-saving them, and the change is reported", async () => {
    await t.site.insert(imapAccount({ default_incoming: 1, password: SECRET }));
    t.mail.reset();
    const { messages } = await t.site.insert(imapAccount({ email_id: "sales@example.com", default_incoming: 1, awaiting_password: 1 }));
    expect((await t.site.get("Email Account", "Support")).default_incoming).toBe(0);
    expect((await t.site.get("Email Account", "Sales")).default_incoming).toBe(1);
    // No re-save of "Support", hence no login test for it.
    expect(t.mail.incoming).toEqual([]);
    expect(messages).toContainEqual({
      message: "<strong>Default Incoming</strong> was turned off on <strong>Support</strong>: only one Email Account can be the default incoming.",
      title: "Defaults Updated",
      indicator: "blue",
    });
  });

  test("R22 user inbox rows: a User whose email is the account's gets a User Email row, later saves refresh it", async () => {
    const user = await insertUser(t, "support@example.com");
    const other = await insertUser(t, "someone@example.com");
    const { messages } = await t.site.insert(imapAccount({ awaiting_password: 1, enable_outgoing: 1, smtp_server: "smtp.example.com" }));
    expect(messages).toContainEqual({ message: `Enabled email inbox for user <strong>${user}</strong>` });
    expect(await inboxRows(t, user)).toEqual([
      expect.objectContaining({ email_account: "Support", email_id: "support@example.com", awaiting_password: 1, enable_outgoing: 1, used_oauth: 0 }),
    ]);
    expect(await inboxRows(t, other)).toEqual([]);

    const { messages: again } = await t.site.save({ doctype: "Email Account", name: "Support", enable_outgoing: 0 });
    expect(again.map((m) => m.message)).not.toContainEqual(expect.stringContaining("Enabled email inbox"));
    const rows = await inboxRows(t, user);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email_account: "Support", awaiting_password: 1, enable_outgoing: 0 });
  });

  test("R25 on_trash clears the Communications' email_account without bumping their modified", async () => {
    await t.site.insert(imapAccount({ awaiting_password: 1 }));
    const { doc: comm } = await t.site.insert({
      doctype: "Communication",
      subject: "Hello",
      communication_medium: "Email",
      sent_or_received: "Received",
      status: "Open",
      sender: "someone@example.org",
      email_account: "Support",
    });
    const before = await t.site.get("Communication", String(comm.name));
    await t.site.delete("Email Account", "Support");
    const after = await t.site.get("Communication", String(comm.name));
    expect(after.email_account || null).toBeNull();
    expect(after.modified).toBe(before.modified);
  });

  test("R26 on_trash removes the account's User Email rows and saves each User", async () => {
    const user = await insertUser(t, "support@example.com");
    await t.site.insert(imapAccount({ awaiting_password: 1 }));
    expect(await inboxRows(t, user)).toHaveLength(1);
    await t.site.delete("Email Account", "Support");
    expect(await inboxRows(t, user)).toEqual([]);
    expect(await t.site.exists("Email Account", "Support")).toBe(false);
  });
});
