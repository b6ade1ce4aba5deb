import type { Doc } from "../../../src/core/doc";
import { DoesNotExistError } from "../../../src/errors";
import { type RemoteHarness, startHarness } from "../../site/remote/support/remote-harness";

/**
 * `site.setValue("IMAP Folder", row, ...)` over REST is `frappe.client.set_value` on a child row,
 * which a Frappe site carries out by changing the row inside its Email Account and saving the
 * account. That save is why the puller keeps a remote site's cursors in a file instead
 * (FileCursorStore, cursor-file.rig.test.ts); the call itself still works as Frappe's does.
 */
let h: RemoteHarness;
beforeEach(async () => {
  h = await startHarness();
  await h.local.insert({
    doctype: "Email Account",
    email_account_name: "Support",
    email_id: "support@example.com",
    awaiting_password: 1,
    enable_incoming: 1,
    use_imap: 1,
    email_server: "imap.example.com",
    imap_folder: [
      { doctype: "IMAP Folder", folder_name: "INBOX" },
      { doctype: "IMAP Folder", folder_name: "Archive", uidvalidity: "5", uidnext: "9" },
    ],
  });
});
afterEach(() => h.stop());

const folders = async () => (await h.local.get("Email Account", "Support")).imap_folder as Doc[];

test("a cursor set on one row lands there; the other rows and their names stay", async () => {
  const [inbox, archive] = await folders();

  await h.remote.setValue("IMAP Folder", String(inbox?.name), { uidvalidity: "1795767582", uidnext: "42" }, { updateModified: false });

  const after = await folders();
  expect(after.map((row) => [row.name, row.folder_name, row.uidvalidity, row.uidnext])).toEqual([
    [inbox?.name, "INBOX", "1795767582", "42"],
    [archive?.name, "Archive", "5", "9"],
  ]);
});

test("a row that does not exist is DoesNotExistError", async () => {
  await expect(h.remote.setValue("IMAP Folder", "no-such-row", { uidnext: "2" })).rejects.toBeInstanceOf(DoesNotExistError);
});
