import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Doc } from "../../../src/core/doc";
import { cursorFileFor, cursorStateDir, FileCursorStore } from "../../../src/mail/imap";
import { capturingLogger } from "../../controllers/email_account.fixture";
import { tempDir } from "../../helpers/temp-site";

const SITE_A = "https://erp.acme.test";
const SITE_B = "https://erp.other.test";

const row = (folder: string, name = "row-1"): Doc => ({ doctype: "IMAP Folder", name, folder_name: folder });

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir("fea-cursors-")));
afterEach(() => temp.cleanup());

const store = (siteUrl = SITE_A, log = capturingLogger()) => new FileCursorStore({ siteUrl, dir: temp.dir, log });
const fileOf = (siteUrl = SITE_A) => cursorFileFor(temp.dir, siteUrl);
const writeRaw = (text: string, siteUrl = SITE_A) => fs.writeFileSync(fileOf(siteUrl), text);

describe("where the cursor files live", () => {
  test("FEA_STATE_DIR/cursors, else $XDG_STATE_HOME/frappe-email-account/cursors, else ~/.local/state/frappe-email-account/cursors", () => {
    expect(cursorStateDir({ FEA_STATE_DIR: "/srv/fea", XDG_STATE_HOME: "/xdg", HOME: "/home/u" })).toBe(path.join("/srv/fea", "cursors"));
    expect(cursorStateDir({ XDG_STATE_HOME: "/xdg", HOME: "/home/u" })).toBe(path.join("/xdg", "frappe-email-account", "cursors"));
    expect(cursorStateDir({ HOME: "/home/u" })).toBe(path.join("/home/u", ".local", "state", "frappe-email-account", "cursors"));
    expect(cursorStateDir({})).toBe(path.join(os.homedir(), ".local", "state", "frappe-email-account", "cursors"));
  });

  test("one file per site, named by the SHA-256 of its URL", () => {
    const sha = crypto.createHash("sha256").update(SITE_A).digest("hex");
    expect(cursorFileFor("/state/cursors", SITE_A)).toBe(path.join("/state/cursors", `${sha}.json`));
    expect(store().file).toBe(path.join(temp.dir, `${sha}.json`));
  });
});

describe("FileCursorStore", () => {
  test("a folder without a file is no cursor", async () => {
    expect(await store().load("Support", row("INBOX"))).toBeUndefined();
    expect(fs.readdirSync(temp.dir)).toEqual([]);
  });

  test("a saved cursor is read back by a new store, found by account and folder name: a re-created row keeps it", async () => {
    await store().save("Support", row("INBOX", "row-1"), { uidvalidity: "1795767582", uidnext: 42 });

    const fresh = store();
    expect(await fresh.load("Support", row("INBOX", "row-recreated"))).toEqual({ uidvalidity: "1795767582", uidnext: 42 });
    expect(await fresh.load("Support", row(" INBOX ", "row-2"))).toEqual({ uidvalidity: "1795767582", uidnext: 42 });
    expect(await fresh.load("Support", row("Archive"))).toBeUndefined();
    expect(await fresh.load("Sales", row("INBOX"))).toBeUndefined();
  });

  test("the file is read once: what another program writes into it later is not seen by the same store", async () => {
    const first = store();
    await first.save("Support", row("INBOX"), { uidvalidity: "7", uidnext: 10 });
    writeRaw(JSON.stringify({ version: 1, site: SITE_A, accounts: { Support: { INBOX: { uidvalidity: "7", uidnext: 99 } } } }));

    expect(await first.load("Support", row("INBOX"))).toEqual({ uidvalidity: "7", uidnext: 10 });
    expect(await store().load("Support", row("INBOX"))).toEqual({ uidvalidity: "7", uidnext: 99 });
  });

  test("a save replaces the file whole by a rename: a reader of the old file still reads it complete, and no temporary file is left", async () => {
    const s = store();
    await s.save("Support", row("INBOX"), { uidvalidity: "7", uidnext: 10 });
    const oldText = fs.readFileSync(fileOf(), "utf8");
    const reader = fs.openSync(fileOf(), "r");
    try {
      await s.save("Support", row("INBOX"), { uidvalidity: "7", uidnext: 11 });

      expect(fs.readFileSync(reader, "utf8")).toBe(oldText);
      expect(fs.fstatSync(reader).ino).not.toBe(fs.statSync(fileOf()).ino);
    } finally {
      fs.closeSync(reader);
    }
    expect(JSON.parse(fs.readFileSync(fileOf(), "utf8"))).toEqual({ version: 1, site: SITE_A, accounts: { Support: { INBOX: { uidvalidity: "7", uidnext: 11 } } } });
    expect(fs.readdirSync(temp.dir)).toEqual([path.basename(fileOf())]);
    expect(fs.statSync(fileOf()).mode & 0o777).toBe(0o600);
  });

  test("saves made at the same time land one after another: the file holds every one of them", async () => {
    const s = store();
    const folders = Array.from({ length: 12 }, (_unused, i) => `Folder ${i}`);

    await Promise.all(folders.map((folder, i) => s.save(i % 2 === 0 ? "Support" : "Sales", row(folder), { uidvalidity: "3", uidnext: 100 + i })));

    const fresh = store();
    for (const [i, folder] of folders.entries()) {
      expect(await fresh.load(i % 2 === 0 ? "Support" : "Sales", row(folder))).toEqual({ uidvalidity: "3", uidnext: 100 + i });
    }
  });

  test("a save that cannot land rejects, leaves no temporary file, and the store keeps the cursor before it", async () => {
    const s = store();
    await s.save("Support", row("INBOX"), { uidvalidity: "7", uidnext: 5 });
    // The file's place is taken by a folder: the rename onto it fails.
    fs.rmSync(fileOf());
    fs.mkdirSync(path.join(fileOf(), "in-the-way"), { recursive: true });

    await expect(s.save("Support", row("INBOX"), { uidvalidity: "7", uidnext: 6 })).rejects.toThrow();

    expect(await s.load("Support", row("INBOX"))).toEqual({ uidvalidity: "7", uidnext: 5 });
    expect(fs.readdirSync(temp.dir)).toEqual([path.basename(fileOf())]);
    // The next save is still tried (a failed one does not block the queue).
    await expect(s.save("Support", row("INBOX"), { uidvalidity: "7", uidnext: 7 })).rejects.toThrow();
  });

  test("a corrupt file is no cursor: a warning says so, and the next save writes a good file", async () => {
    writeRaw('{"version":1,"site":"https://erp.acme.test","accou');
    const log = capturingLogger();
    const s = store(SITE_A, log);

    expect(await s.load("Support", row("INBOX"))).toBeUndefined();
    expect(log.lines.filter((line) => line.level === "warn").map((line) => [line.msg, (line.obj as { file: string }).file])).toEqual([
      ["IMAP cursor file unreadable: each folder starts again from a first-sync window (mail already stored is recognised by its Message-ID)", fileOf()],
    ]);

    await s.save("Support", row("INBOX"), { uidvalidity: "8", uidnext: 2 });
    expect(await store().load("Support", row("INBOX"))).toEqual({ uidvalidity: "8", uidnext: 2 });
  });

  test("entries that are not cursors are left out; the good ones are kept", async () => {
    writeRaw(
      JSON.stringify({
        version: 1,
        site: SITE_A,
        accounts: {
          Support: { INBOX: { uidvalidity: "7", uidnext: 3 }, Empty: { uidvalidity: "", uidnext: 3 }, Text: { uidvalidity: "7", uidnext: "3" }, Zero: { uidvalidity: "7", uidnext: 0 }, Null: null },
          Broken: 5,
        },
      }),
    );
    const s = store();

    expect(await s.load("Support", row("INBOX"))).toEqual({ uidvalidity: "7", uidnext: 3 });
    for (const folder of ["Empty", "Text", "Zero", "Null"]) expect(await s.load("Support", row(folder))).toBeUndefined();
    expect(await s.load("Broken", row("INBOX"))).toBeUndefined();
  });

  test("a file that names another site (copied into place) is no cursor", async () => {
    writeRaw(JSON.stringify({ version: 1, site: SITE_B, accounts: { Support: { INBOX: { uidvalidity: "7", uidnext: 3 } } } }));

    expect(await store().load("Support", row("INBOX"))).toBeUndefined();
  });

  test("two sites in one folder: a file each, and neither sees the other's cursors for the same account and folder", async () => {
    await store(SITE_A).save("Support", row("INBOX"), { uidvalidity: "1", uidnext: 10 });
    await store(SITE_B).save("Support", row("INBOX"), { uidvalidity: "2", uidnext: 99 });

    expect(fs.readdirSync(temp.dir).sort()).toEqual([path.basename(fileOf(SITE_A)), path.basename(fileOf(SITE_B))].sort());
    expect(await store(SITE_A).load("Support", row("INBOX"))).toEqual({ uidvalidity: "1", uidnext: 10 });
    expect(await store(SITE_B).load("Support", row("INBOX"))).toEqual({ uidvalidity: "2", uidnext: 99 });
    expect(JSON.parse(fs.readFileSync(fileOf(SITE_B), "utf8")).site).toBe(SITE_B);
  });

  test("the folder of the files is made on the first save", async () => {
    const nested = path.join(temp.dir, "state", "cursors");
    const s = new FileCursorStore({ siteUrl: SITE_A, dir: nested });

    await s.save("Support", row("INBOX"), { uidvalidity: "1", uidnext: 2 });

    expect(fs.readdirSync(nested)).toEqual([path.basename(cursorFileFor(nested, SITE_A))]);
  });
});
