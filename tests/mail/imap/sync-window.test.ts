import { folderSyncMode, initialSyncCount, storedCursor, windowFirstSequence, windowSize } from "../../../src/mail/imap/sync-window";

describe("folderSyncMode (P6)", () => {
  test("no stored UIDVALIDITY is a first sync", () => {
    expect(folderSyncMode(undefined, "17")).toBe("first-sync");
    expect(folderSyncMode("", "17")).toBe("first-sync");
  });

  test("the same value goes on from the cursor, a different one resets the folder", () => {
    expect(folderSyncMode("17", "17")).toBe("incremental");
    expect(folderSyncMode("0017", "17")).toBe("incremental");
    expect(folderSyncMode("16", "17")).toBe("uidvalidity-reset");
  });
});

describe("window sizes", () => {
  test("a first sync takes initial_sync_count (100 when empty), a reset the last 100", () => {
    expect(initialSyncCount({ doctype: "Email Account", initial_sync_count: "250" })).toBe(250);
    expect(initialSyncCount({ doctype: "Email Account", initial_sync_count: "" })).toBe(100);
    expect(windowSize("first-sync", { doctype: "Email Account", initial_sync_count: "500" })).toBe(500);
    expect(windowSize("uidvalidity-reset", { doctype: "Email Account", initial_sync_count: "500" })).toBe(100);
  });

  test("the window starts at the Nth newest message, at 1 when the folder holds fewer", () => {
    expect(windowFirstSequence(1000, 250)).toBe(751);
    expect(windowFirstSequence(100, 250)).toBe(1);
    expect(windowFirstSequence(0, 250)).toBeUndefined();
  });

  test("an unset cursor is UID 1", () => {
    expect(storedCursor({ doctype: "IMAP Folder" })).toBe(1);
    expect(storedCursor({ doctype: "IMAP Folder", uidnext: "57" })).toBe(57);
  });
});
