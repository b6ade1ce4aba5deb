import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError } from "../../../src/errors";
import { openSqliteStore } from "../../../src/site/local";
import { emailAccount, openTestSite, registry } from "./helpers";

describe("openSqliteStore", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fea-open-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates the site file and reports its file and key file", () => {
    const file = path.join(dir, "site.sqlite");
    const store = openSqliteStore({ file, meta: registry() });
    try {
      expect(fs.existsSync(file)).toBe(true);
      expect(store.file).toBe(file);
      expect(store.keyFile).toBe(`${file}.key`);
    } finally {
      store.close();
    }
  });

  it("refuses a file that is not a SQLite database with ConfigError", () => {
    const file = path.join(dir, "not-a-db.sqlite");
    fs.writeFileSync(file, "this is not a database, just some text that is long enough to look like a header".repeat(20));
    expect(() => openSqliteStore({ file, meta: registry() })).toThrow(ConfigError);
    expect(() => openSqliteStore({ file, meta: registry() })).toThrow(`Cannot open the site database ${file}:`);
  });

  it("refuses a path in a folder that does not exist with ConfigError", () => {
    expect(() => openSqliteStore({ file: path.join(dir, "missing", "site.sqlite"), meta: registry() })).toThrow(ConfigError);
  });

  it("works on :memory: for pure unit tests, with an in-memory password key", () => {
    const store = openSqliteStore({ file: ":memory:", meta: registry() });
    try {
      expect(store.keyFile).toBeUndefined();
      store.insert(emailAccount("Memory", { password: "pw" }));
      expect(store.getSecret("Email Account", "Memory", "password")).toBe("pw");
    } finally {
      store.close();
    }
  });

  it("hands out increasing Frappe timestamps from the injected clock", () => {
    const at = new Date(2026, 10, 27, 12, 1, 2, 566);
    const site = openTestSite({ now: () => at });
    try {
      expect([site.store.timestamp(), site.store.timestamp()]).toEqual(["2026-11-27 12:01:02.566000", "2026-11-27 12:01:02.566001"]);
      site.store.insert({ doctype: "Email Domain", name: "d.example.test", domain_name: "d.example.test" });
      expect(site.store.load("Email Domain", "d.example.test")?.creation).toBe("2026-11-27 12:01:02.566002");
    } finally {
      site.cleanup();
    }
  });

  it("can be closed twice", () => {
    const store = openSqliteStore({ file: path.join(dir, "site.sqlite"), meta: registry() });
    store.close();
    expect(() => store.close()).not.toThrow();
  });
});
