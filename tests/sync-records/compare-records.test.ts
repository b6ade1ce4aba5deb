import type { Doc } from "../../src/core/doc";
import { loadMetaRegistry } from "../../src/schema/doctype-loader";
import { compareRecords } from "../../src/sync-records";

const meta = loadMetaRegistry();

const account = (extra: Partial<Doc> = {}): Doc => ({
  doctype: "Email Account",
  name: "Support",
  email_id: "support@acme.test",
  enable_incoming: 1,
  uidnext: 12,
  imap_folder: [{ doctype: "IMAP Folder", name: "row1", idx: 1, folder_name: "INBOX", uidnext: "5" }],
  ...extra,
});

test("bookkeeping columns and child rows' names, parents and positions are not compared", () => {
  const local = account({ modified: "2024-01-01 00:00:00", creation: "x", owner: "a", modified_by: "a", idx: 3 });
  const remote = account({
    modified: "2025-01-01 00:00:00",
    creation: "y",
    owner: "b",
    modified_by: "b",
    idx: 0,
    imap_folder: [{ doctype: "IMAP Folder", name: "other", idx: 7, parent: "Support", folder_name: "INBOX", uidnext: "5" }],
  });
  expect(compareRecords(local, remote, meta, { passwords: "presence" })).toEqual([]);
});

test("numbers and numeric text are one, blanks are one, a time stamp's trailing zeros do not count", () => {
  const local: Doc = { doctype: "Communication", subject: "s", seen: "1", uid: null, communication_date: "2024-03-01 10:00:00.000000", cc: null };
  const remote: Doc = { doctype: "Communication", subject: "s", seen: 1, communication_date: "2024-03-01 10:00:00", cc: "" };
  expect(compareRecords(local, remote, meta, { passwords: "presence" })).toEqual([]);
});

test("text is compared exactly; a difference shows both values", () => {
  expect(compareRecords(account({ signature: "Hi" }), account({ signature: "hi" }), meta, { passwords: "presence" })).toEqual([{ field: "signature", local: "Hi", remote: "hi" }]);
});

test("a password differs only by being stored on one side; different secrets show without their values", () => {
  const set = account({ password: "*****" });
  const unset = account({ password: null });
  expect(compareRecords(set, unset, meta, { passwords: "presence" })).toEqual([{ field: "password", local: "(set)", remote: "(not set)" }]);
  expect(compareRecords(set, unset, meta, { passwords: "ignore" })).toEqual([]);
  expect(compareRecords(set, account({ password: "********" }), meta, { passwords: "presence", differentSecrets: ["password"] })).toEqual([
    { field: "password", local: "(set)", remote: "(set, different)" },
  ]);
});

test("rows are compared in order on their own fields; ignored fields and row fields are skipped", () => {
  const moved = account({ uidnext: 99, imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX", uidnext: "77" }] });
  const differences = compareRecords(account(), moved, meta, { passwords: "presence" });
  expect(differences.map((d) => d.field)).toEqual(["uidnext", "imap_folder"]);
  expect(differences[1]?.local).toEqual([expect.objectContaining({ folder_name: "INBOX", uidnext: "5" })]);
  const ignoring = compareRecords(account(), moved, meta, { passwords: "presence", ignore: ["uidnext"], ignoreRowFields: (doctype) => (doctype === "IMAP Folder" ? ["uidnext"] : []) });
  expect(ignoring).toEqual([]);
});
