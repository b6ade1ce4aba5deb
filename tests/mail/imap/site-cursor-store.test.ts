import type { Doc } from "../../../src/core/doc";
import { SiteCursorStore } from "../../../src/mail/imap";
import { openLocalSite } from "../../../src/open-site";
import type { LocalSite } from "../../../src/site/local-site";
import { tempDir } from "../../helpers/temp-site";

/** The embedded site's cursors: the IMAP Folder row's own columns, written directly. */
let temp: ReturnType<typeof tempDir>;
let site: LocalSite;
beforeEach(async () => {
  temp = tempDir("fea-site-cursors-");
  site = openLocalSite({ file: temp.file });
  await site.insert({
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
afterEach(async () => {
  await site.close();
  temp.cleanup();
});

const account = () => site.get("Email Account", "Support");
const rows = async () => (await account()).imap_folder as Doc[];

test("a row's stored cursor is loaded; a row without a UIDVALIDITY has none", async () => {
  const [inbox, archive] = await rows();
  const store = new SiteCursorStore(site);

  expect(await store.load("Support", inbox as Doc)).toBeUndefined();
  expect(await store.load("Support", archive as Doc)).toEqual({ uidvalidity: "5", uidnext: 9 });
});

test("a save writes that row's columns only, and the account's modified stays", async () => {
  const before = await account();
  const [inbox, archive] = (before.imap_folder as Doc[]) as [Doc, Doc];

  await new SiteCursorStore(site).save("Support", inbox, { uidvalidity: "1795767582", uidnext: 42 });

  const after = await account();
  expect(after.modified).toBe(before.modified);
  expect((after.imap_folder as Doc[]).map((row) => [row.name, row.uidvalidity, row.uidnext])).toEqual([
    [inbox.name, "1795767582", "42"],
    [archive.name, "5", "9"],
  ]);
  expect(await new SiteCursorStore(site).load("Support", (after.imap_folder as Doc[])[0] as Doc)).toEqual({ uidvalidity: "1795767582", uidnext: 42 });
});
