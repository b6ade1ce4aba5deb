import type { Doc } from "../../src/core/doc";
import { loadMetaRegistry } from "../../src/schema/doctype-loader";
import { pullPayload, pushPayload } from "../../src/sync-records/payload";

const meta = loadMetaRegistry();

const remote: Doc = {
  doctype: "Email Account",
  name: "Support",
  modified: "2024-01-01 00:00:00",
  email_id: "support@acme.test",
  password: "*****",
  uidnext: 40,
  imap_folder: [
    { doctype: "IMAP Folder", name: "r-inbox", idx: 1, parent: "Support", folder_name: "INBOX", uidnext: "40", uidvalidity: "7" },
    { doctype: "IMAP Folder", name: "r-old", idx: 2, parent: "Support", folder_name: "Old" },
  ],
};

test("pull sends every field of the DocType (null when the answer left it out), rows with their names, no password and no bookkeeping", () => {
  const payload = pullPayload(remote, meta);
  expect(payload).not.toHaveProperty("password");
  expect(payload).not.toHaveProperty("modified");
  expect(payload.signature).toBeNull();
  expect(payload.uidnext).toBe(40);
  expect(payload.imap_folder).toEqual([
    expect.objectContaining({ name: "r-inbox", folder_name: "INBOX", uidnext: "40" }),
    expect.objectContaining({ name: "r-old", folder_name: "Old" }),
  ]);
  expect((payload.imap_folder as Doc[])[0]).not.toHaveProperty("parent");
});

test("push keeps the site's mail cursors: matching rows take the remote row's name and cursors, new rows have neither", () => {
  const local: Doc = {
    doctype: "Email Account",
    name: "Support",
    email_id: "support@acme.test",
    uidnext: 900,
    imap_folder: [
      { doctype: "IMAP Folder", name: "l-inbox", folder_name: "INBOX", uidnext: "900" },
      { doctype: "IMAP Folder", name: "l-new", folder_name: "Archive", uidnext: "3" },
    ],
  };
  const payload = pushPayload(local, remote, meta);
  expect(payload).not.toHaveProperty("uidnext");
  expect(payload.imap_folder).toEqual([
    expect.objectContaining({ name: "r-inbox", folder_name: "INBOX", uidnext: "40", uidvalidity: "7" }),
    expect.not.objectContaining({ name: expect.anything() }),
  ]);
  expect((payload.imap_folder as Doc[])[1]).toMatchObject({ folder_name: "Archive" });
  expect((payload.imap_folder as Doc[])[1]).not.toHaveProperty("uidnext");
});
