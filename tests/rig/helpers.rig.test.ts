import {
  appendMessage,
  changeUidValidity,
  createFolder,
  deliverViaSmtp,
  doveadm,
  folderStatus,
  listMailbox,
  resetMailbox,
  rig,
  seedMaildir,
  waitForMessage,
} from ".";

function mail(subject: string, messageId = `${subject.replace(/\W+/g, ".")}@rig.test`): string {
  return `From: lead@example.test\r\nTo: info@example.test\r\nSubject: ${subject}\r\nMessage-ID: <${messageId}>\r\n\r\nbody of ${subject}\r\n`;
}

const subjects = (messages: { raw: Buffer }[]): string[] =>
  messages.map((m) => /^Subject: (.*)$/m.exec(m.raw.toString("utf8"))?.[1]?.trim() ?? "");

describe("rig helpers", () => {
  beforeEach(() => resetMailbox("other"));

  it("appendMessage stores a message with its flags and returns its UID", async () => {
    const first = await appendMessage("other", "INBOX", mail("appended one"), ["\\Seen"]);
    const second = await appendMessage("other", "INBOX", mail("appended two"));
    expect(second.uid).toBe(first.uid + 1);
    const listed = await listMailbox("other", "INBOX");
    expect(listed.map((m) => m.uid)).toEqual([first.uid, second.uid]);
    expect(listed[0]?.flags).toEqual(["\\Seen"]);
    expect(subjects(listed)).toEqual(["appended one", "appended two"]);
  });

  it("seedMaildir puts messages into a new subfolder in the given order, with flags and INTERNALDATE", async () => {
    const raws = Array.from({ length: 50 }, (_, i) => mail(`seeded ${i}`));
    const date = new Date("2024-03-01T10:00:00Z");
    await seedMaildir("other", "Projects/2024", raws, { flags: ["\\Seen", "\\Flagged"], internalDate: date });
    const listed = await listMailbox("other", "Projects/2024");
    expect(subjects(listed)).toEqual(raws.map((_, i) => `seeded ${i}`));
    expect(listed.map((m) => m.uid)).toEqual(raws.map((_, i) => i + 1));
    expect(listed[0]?.flags).toEqual(["\\Flagged", "\\Seen"]);
    const fetched = await doveadm(["fetch", "-u", rig().users.other.email, "date.received", "mailbox", "Projects/2024", "uid", "1"]);
    expect(fetched).toContain("2024-03-01");
  });

  it("resetMailbox deletes the extra folders and empties the default ones", async () => {
    await createFolder("other", "Archive/Old");
    await appendMessage("other", "Archive/Old", mail("old"));
    await appendMessage("other", "Sent", mail("sent"));
    await resetMailbox("other");
    const folders = (await doveadm(["mailbox", "list", "-u", rig().users.other.email])).split("\n").filter(Boolean);
    expect(folders.sort()).toEqual(["Drafts", "INBOX", "Junk", "Sent", "Trash"]);
    expect(await listMailbox("other", "Sent")).toEqual([]);
  });

  it("changeUidValidity changes the folder's UIDVALIDITY and keeps the UIDs", async () => {
    await seedMaildir("other", "Box", [mail("a"), mail("b")]);
    const { before, after } = await changeUidValidity("other", "Box");
    expect(after).not.toBe(before);
    expect((await folderStatus("other", "Box")).uidValidity).toBe(after);
    expect((await listMailbox("other", "Box")).map((m) => m.uid)).toEqual([1, 2]);
  });

  it("changeUidValidity with renumber gives the remaining messages new UIDs from 1, INBOX included", async () => {
    await seedMaildir("other", "INBOX", [mail("x"), mail("y"), mail("z")]);
    const [first] = await listMailbox("other", "INBOX");
    await doveadm(["expunge", "-u", rig().users.other.email, "mailbox", "INBOX", "uid", String(first?.uid)]);
    const { before, after } = await changeUidValidity("other", "INBOX", { renumber: true });
    expect(after).not.toBe(before);
    const listed = await listMailbox("other", "INBOX");
    expect(listed.map((m) => m.uid)).toEqual([1, 2]);
    expect(subjects(listed)).toEqual(["y", "z"]);
  });

  it("deliverViaSmtp hands a raw message to Postfix, which delivers it to Dovecot over LMTP", async () => {
    const raw = mail("through postfix", "through-postfix@rig.test");
    await deliverViaSmtp({ envelope: { from: "lead@example.test", to: ["other@example.test"] }, raw });
    const stored = await waitForMessage("other", "INBOX", (m) => m.raw.toString("utf8").includes("<through-postfix@rig.test>"));
    expect(stored.raw.toString("utf8")).toContain("body of through postfix");
  });
});
