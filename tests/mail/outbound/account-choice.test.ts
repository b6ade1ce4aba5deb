import { defaultSender, findIncomingAccount, findOutgoingAccount, requireOutgoingAccount } from "../../../src/mail/outbound/account-choice";
import { OutgoingEmailError } from "../../../src/errors";
import { type OutboundSite, insertAll, openOutboundSite, outgoingAccount } from "./outbound-site";

describe("choosing the sending account (S3) and the Reply-To account (S4)", () => {
  let t: OutboundSite;
  beforeEach(async () => {
    t = openOutboundSite();
  });
  afterEach(() => t.close());

  it("with no outgoing account: Frappe's error", async () => {
    await expect(requireOutgoingAccount(t.site, {})).rejects.toThrow(new OutgoingEmailError("Please setup default Email Account from Settings > Email Account"));
    expect(await findOutgoingAccount(t.site, { sender: "x@example.test" })).toBeUndefined();
  });

  it("sender's address first, then an outgoing+incoming account collecting the reference DocType, then the default", async () => {
    await insertAll(t.site, [
      outgoingAccount("Info", "info@example.test", { default_outgoing: 1 }),
      outgoingAccount("Sales", "sales@example.test"),
      outgoingAccount("Leads", "lead@example.test", { enable_incoming: 1, use_imap: 1, email_server: "imap.example.test", append_to: "Lead", imap_folder: [{ folder_name: "INBOX" }] }),
    ]);
    const name = async (lookup: Parameters<typeof findOutgoingAccount>[1]) => (await findOutgoingAccount(t.site, lookup))?.name;
    expect(await name({ sender: "Jane <SALES@example.test>", referenceDoctype: "Lead" })).toBe("Sales");
    expect(await name({ sender: "jane@elsewhere.test", referenceDoctype: "Lead" })).toBe("Leads");
    expect(await name({ sender: "jane@elsewhere.test", referenceDoctype: "Task" })).toBe("Info");
    expect(await name({ emailAccount: "Sales", sender: "info@example.test" })).toBe("Sales");
  });

  it("an account with outgoing off is never chosen by lookup", async () => {
    await insertAll(t.site, [outgoingAccount("Info", "info@example.test", { default_outgoing: 1 }), outgoingAccount("Sales", "sales@example.test", { enable_outgoing: 0 })]);
    expect((await findOutgoingAccount(t.site, { sender: "sales@example.test" }))?.name).toBe("Info");
  });

  it("Reply-To: the incoming account collecting the reference DocType, else the default incoming one", async () => {
    await insertAll(t.site, [
      outgoingAccount("Support", "support@example.test", { default_outgoing: 1, enable_incoming: 1, use_imap: 1, email_server: "imap.example.test", default_incoming: 1, imap_folder: [{ folder_name: "INBOX" }] }),
      outgoingAccount("Leads", "lead@example.test", { enable_outgoing: 0, enable_incoming: 1, use_imap: 1, email_server: "imap.example.test", append_to: "Lead", imap_folder: [{ folder_name: "INBOX" }] }),
    ]);
    expect((await findIncomingAccount(t.site, { sender: "jane@example.test", referenceDoctype: "Lead" }))?.email_id).toBe("lead@example.test");
    expect((await findIncomingAccount(t.site, { sender: "jane@example.test", referenceDoctype: "Task" }))?.email_id).toBe("support@example.test");
  });

  it("default sender: `{account name} <{email_id}>`, quoted when the name needs it", async () => {
    expect(defaultSender({ doctype: "Email Account", name: "Support", email_id: "support@example.test" })).toBe("Support <support@example.test>");
    expect(defaultSender({ doctype: "Email Account", name: "Acme, Inc.", email_id: "info@example.test" })).toBe('"Acme, Inc." <info@example.test>');
  });
});
