import type { Doc } from "../../src/core/doc";
import { HookRegistry } from "../../src/core/hook-registry";
import type { Logger } from "../../src/core/logger";
import { ValidationError } from "../../src/errors";
import { openLocalSite } from "../../src/open-site";
import type { LocalSite } from "../../src/site/local-site";
import { tempDir } from "../helpers/temp-site";

function warnings(): Logger & { lines: Array<{ obj: object; msg: string }> } {
  const lines: Array<{ obj: object; msg: string }> = [];
  const log: Logger & { lines: typeof lines } = {
    lines,
    debug: () => undefined,
    info: () => undefined,
    warn: (obj, msg) => void lines.push({ obj, msg: msg ?? "" }),
    error: () => undefined,
    child: () => log,
  };
  return log;
}

const links = (doc: Doc) => ((doc.timeline_links ?? []) as Doc[]).map((row) => [row.link_doctype, row.link_name]);

describe("Communication controller", () => {
  let tmp: ReturnType<typeof tempDir>;
  let site: LocalSite;
  let log: ReturnType<typeof warnings>;
  /** Set by a test to make every Contact insert fail from a validate hook. */
  let failContacts: Error | undefined;

  beforeEach(() => {
    tmp = tempDir();
    log = warnings();
    failContacts = undefined;
    const hooks = new HookRegistry();
    hooks.on("Contact", "validate", () => {
      if (failContacts) throw failContacts;
    });
    site = openLocalSite({ file: tmp.file, log, hooks });
  });
  afterEach(async () => {
    await site.close();
    tmp.cleanup();
  });

  async function account(name: string, email: string, extra: Record<string, unknown> = {}): Promise<void> {
    await site.insert({ doctype: "Email Account", email_account_name: name, email_id: email, awaiting_password: 1, ...extra });
  }
  async function todo(description = "call back"): Promise<Doc> {
    return (await site.insert({ doctype: "ToDo", description })).doc;
  }
  async function mail(fields: Record<string, unknown>): Promise<Doc> {
    return (await site.insert({ doctype: "Communication", communication_medium: "Email", subject: "Hello", ...fields })).doc;
  }

  test("P18 matches the captured Frappe answer: Received mail on a ToDo links the Contacts of sender and recipient", async () => {
    await account("Capture Sales", "sales@capture.example.test");
    const ref = await todo();
    const doc = await mail({
      communication_type: "Communication",
      sent_or_received: "Received",
      subject: "REST capture: hello",
      content: "<p>Hello from a customer</p>",
      sender: "customer@example.org",
      sender_full_name: "A Customer",
      recipients: "sales@capture.example.test",
      email_account: "Capture Sales",
      reference_doctype: "ToDo",
      reference_name: ref.name,
    });
    expect(doc).toMatchObject({ status: "Linked", reference_owner: "Administrator", user: "Administrator", seen: 0, sender_full_name: "A Customer" });
    expect(links(doc)).toEqual([
      ["Contact", "Customer"],
      ["Contact", "Sales"],
    ]);
    expect((await site.get("Contact", "Customer")).email_id).toBe("customer@example.org");
  });

  test("P18 reference_owner is the referenced document's owner", async () => {
    const ref = await todo();
    await site.setValue("ToDo", String(ref.name), { owner: "Guest" });
    const doc = await mail({ reference_doctype: "ToDo", reference_name: ref.name });
    expect(doc.reference_owner).toBe("Guest");
  });

  test("P18 a child-table DocType as reference is refused", async () => {
    const { doc: contact } = await site.insert({ doctype: "Contact", first_name: "Jane", email_ids: [{ email_id: "jane@example.org" }] });
    const row = (contact.email_ids as Doc[])[0] as Doc;
    const attempt = site.insert(
      { doctype: "Communication", subject: "x", reference_doctype: "Contact Email", reference_name: row.name },
      { ignoreLinks: true },
    );
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ message: "Cannot create a Communication against a child document: Contact Email" });
  });

  test("P18 a circular chain of Communications is refused", async () => {
    const first = await mail({ subject: "first" });
    await mail({ subject: "second", reference_doctype: "Communication", reference_name: first.name });
    const [second] = await site.getList("Communication", { filters: { subject: "second" } });
    const attempt = site.save({ doctype: "Communication", name: first.name, reference_doctype: "Communication", reference_name: second?.name });
    await expect(attempt).rejects.toMatchObject({ message: "Please make sure the Reference Communication Docs are not circularly linked." });
  });

  test("P18 an empty subject is the HTML-stripped text of the first 141 characters of the content", async () => {
    const content = `<p>${"a".repeat(150)}</p>`;
    const { doc } = await site.insert({ doctype: "Communication", subject: "", content });
    expect(doc.subject).toBe("a".repeat(138)); // "<p>" takes 3 of the 141 characters
  });

  test("P18 an empty sent_or_received becomes Sent with seen = 1", async () => {
    const { doc } = await site.insert({ doctype: "Communication", subject: "x", sent_or_received: "" });
    expect(doc).toMatchObject({ sent_or_received: "Sent", seen: 1 });
  });

  test("P18 status on insert: Linked with a reference, Open for a Communication, Closed otherwise", async () => {
    const ref = await todo();
    const linked = await mail({ reference_doctype: "ToDo", reference_name: ref.name });
    const open = await mail({});
    const closed = await mail({ communication_type: "Automated Message" });
    expect([linked.status, open.status, closed.status]).toEqual(["Linked", "Open", "Closed"]);
    const saved = (await site.save({ doctype: "Communication", name: open.name, status: "Closed" })).doc;
    expect(saved.status).toBe("Closed"); // only set on insert
  });

  test("P18 send_after on a new record sets delivery_status Scheduled", async () => {
    const doc = await mail({ send_after: "2030-01-01 10:00:00" });
    expect(doc.delivery_status).toBe("Scheduled");
  });

  test("P18 the sender's full name comes from the address text, then the User, then the Contact, else the address", async () => {
    await site.insert({ doctype: "Contact", first_name: "Jane", last_name: "Doe", email_ids: [{ email_id: "jane@example.org" }] });
    // Frappe names Users by their address; this site's User DocType does not, so the name is given.
    const userDoc = { doctype: "User", name: "uma@example.org", email: "uma@example.org", first_name: "Uma", full_name: "Uma User" };
    await site.insert(userDoc, { keepName: true });
    const named = await mail({ sender: '"Max Muster" <max@example.org>' });
    const user = await mail({ sender: "uma@example.org" });
    const contact = await mail({ sender: "jane@example.org" });
    const unknown = await mail({ sender: "nobody@example.org" });
    expect(named).toMatchObject({ sender: "max@example.org", sender_full_name: "Max Muster" });
    expect(user.sender_full_name).toBe("Uma User");
    expect(contact.sender_full_name).toBe("JaneDoe"); // Frappe joins first and last name without a space
    expect(unknown.sender_full_name).toBe("nobody@example.org");
  });

  test("P18 automatic linking: a `+ToDo+name` recipient links the ToDo and makes it the reference", async () => {
    await account("Support", "support@example.test", { enable_incoming: 1, email_server: "imap.example.test", enable_automatic_linking: 1 });
    const ref = await todo();
    const doc = await mail({ sender: "customer@example.org", recipients: `support+ToDo+${String(ref.name)}@example.test`, email_account: "Support" });
    expect(doc).toMatchObject({ reference_doctype: "ToDo", reference_name: ref.name, status: "Linked" });
    expect(links(doc)).toContainEqual(["ToDo", ref.name]);
    // The Contact is created for the address without its `+...` part.
    expect(links(doc)).toContainEqual(["Contact", "Support"]);
    expect((await site.get("Contact", "Support")).email_id).toBe("support@example.test");
  });

  test("P18 without any account that enables automatic linking, `+` addresses link nothing", async () => {
    await account("Support", "support@example.test", { create_contact: 0 });
    const ref = await todo();
    const doc = await mail({ recipients: `support+ToDo+${String(ref.name)}@example.test`, email_account: "Support" });
    expect(doc.reference_doctype ?? null).toBeNull();
    expect(links(doc)).toEqual([]);
  });

  test("P18 a `+` address naming a missing document is ignored", async () => {
    await account("Support", "support@example.test", { enable_incoming: 1, email_server: "imap.example.test", enable_automatic_linking: 1, create_contact: 0 });
    const doc = await mail({ recipients: "support+ToDo+missing@example.test, support+Nothing+x@example.test", email_account: "Support" });
    expect(doc.reference_doctype ?? null).toBeNull();
    expect(links(doc)).toEqual([]);
  });

  test("P19 an address already on a Contact links that Contact and the documents it links to", async () => {
    const ref = await todo();
    await site.insert({
      doctype: "Contact",
      first_name: "Jane",
      email_ids: [{ email_id: "jane@example.org" }],
      links: [{ link_doctype: "ToDo", link_name: ref.name }],
    });
    const [contact] = await site.getList("Contact", { filters: { email_id: "jane@example.org" } });
    const doc = await mail({ sender: "jane@example.org" });
    expect(links(doc)).toEqual([
      ["Contact", contact?.name],
      ["ToDo", ref.name],
    ]);
  });

  test("P19 create_contact=1 creates a Contact for each unknown address, `Contact` getting the domain", async () => {
    await account("Sales", "sales@acme.org");
    const doc = await mail({ sender: "john_smith@example.org", recipients: "contact@acme.org", cc: "sales@acme.org", email_account: "Sales" });
    expect(links(doc)).toEqual([
      ["Contact", "John Smith"],
      ["Contact", "Contact-acme.org"],
      ["Contact", "Sales"],
    ]);
    const created = await site.get("Contact", "John Smith");
    expect(created).toMatchObject({ first_name: "John Smith", email_id: "john_smith@example.org" });
    expect((created.email_ids as Doc[])[0]).toMatchObject({ email_id: "john_smith@example.org", is_primary: 1 });
  });

  test("P19 create_contact=0 creates no Contact", async () => {
    await account("Sales", "sales@acme.org", { create_contact: 0 });
    const doc = await mail({ sender: "customer@example.org", recipients: "sales@acme.org", email_account: "Sales" });
    expect(await site.count("Contact")).toBe(0);
    expect(links(doc)).toEqual([]);
  });

  test("P19 a Communication without an Email Account creates no Contact", async () => {
    await mail({ sender: "customer@example.org" });
    expect(await site.count("Contact")).toBe(0);
  });

  test("P19 a failing Contact insert is logged as `Unable to add contact` and the Communication is still saved", async () => {
    await account("Sales", "sales@acme.org");
    failContacts = new ValidationError("no contacts today");
    const doc = await mail({ sender: "customer@example.org", email_account: "Sales" });
    expect(await site.exists("Communication", String(doc.name))).toBe(true);
    expect(links(doc)).toEqual([]);
    expect(log.lines.map((l) => l.msg)).toContain("Unable to add contact");
    expect(await site.count("Contact")).toBe(0);
  });

  test("P19 duplicate timeline links are removed", async () => {
    await account("Sales", "sales@acme.org");
    const doc = await mail({ sender: "customer@example.org", recipients: "customer@example.org", cc: "Customer <customer@example.org>", email_account: "Sales" });
    expect(links(doc)).toEqual([["Contact", "Customer"]]);
    const saved = (await site.save({ doctype: "Communication", name: doc.name, content: "again" })).doc;
    expect(links(saved)).toEqual([["Contact", "Customer"]]);
  });

  test("P24 a Received mail puts a Replied document back to Open; other statuses stay", async () => {
    const replied = (await site.insert({ doctype: "Lead", first_name: "Ann", status: "Replied" })).doc;
    const interested = (await site.insert({ doctype: "Lead", first_name: "Bob", status: "Interested" })).doc;
    await mail({ sent_or_received: "Received", reference_doctype: "Lead", reference_name: replied.name });
    await mail({ sent_or_received: "Received", reference_doctype: "Lead", reference_name: interested.name });
    await mail({ sent_or_received: "Sent", reference_doctype: "Lead", reference_name: replied.name });
    expect((await site.get("Lead", String(replied.name))).status).toBe("Open");
    expect((await site.get("Lead", String(interested.name))).status).toBe("Interested");
  });

  test("P24 a Received mail reopens an Issue whatever its status", async () => {
    const issue = (await site.insert({ doctype: "Issue", subject: "Broken", status: "Closed" })).doc;
    await mail({ sent_or_received: "Received", reference_doctype: "Issue", reference_name: issue.name });
    expect((await site.get("Issue", String(issue.name))).status).toBe("Open");
  });

  test("P24 a Sent reply to a Communication marks that one Replied", async () => {
    const question = await mail({ sent_or_received: "Received", subject: "Question" });
    await mail({ sent_or_received: "Sent", subject: "Answer", reference_doctype: "Communication", reference_name: question.name });
    expect((await site.get("Communication", String(question.name))).status).toBe("Replied");
  });
});
