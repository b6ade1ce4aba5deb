import { imapFolderRows, pullSkipReason } from "../../../src/mail/imap/pull-eligibility";

const ready = {
  doctype: "Email Account",
  name: "Support",
  enable_incoming: 1,
  use_imap: 1,
  email_server: "imap.example.test",
  imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX", idx: 1 }],
};

describe("pullSkipReason", () => {
  test("an IMAP account with incoming on, a server and a folder is pulled", () => {
    expect(pullSkipReason(ready)).toBeUndefined();
  });

  test("each reason not to pull is named", () => {
    expect(pullSkipReason({ ...ready, enable_incoming: 0 })).toBe("incoming is disabled");
    expect(pullSkipReason({ ...ready, awaiting_password: 1 })).toBe("awaiting password");
    expect(pullSkipReason({ ...ready, use_imap: 0 })).toBe("POP3 accounts are not pulled (only IMAP)");
    expect(pullSkipReason({ ...ready, auth_method: "OAuth" })).toBe("OAuth accounts are not pulled yet (no token store)");
    expect(pullSkipReason({ ...ready, email_server: "" })).toBe("no incoming server (Email Server is empty)");
    expect(pullSkipReason({ ...ready, imap_folder: [] })).toBe("no IMAP folder to pull");
  });
});

describe("imapFolderRows", () => {
  test("table order (idx), rows without a folder name left out", () => {
    const rows = imapFolderRows({
      ...ready,
      imap_folder: [
        { doctype: "IMAP Folder", folder_name: "Sales", idx: 2 },
        { doctype: "IMAP Folder", folder_name: " ", idx: 3 },
        { doctype: "IMAP Folder", folder_name: "INBOX", idx: 1 },
      ],
    });
    expect(rows.map((row) => row.folder_name)).toEqual(["INBOX", "Sales"]);
  });
});
