import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Doc } from "../../../src/core/doc";
import type { DocTypeMeta } from "../../../src/core/meta";
import { ConfigError, DoesNotExistError } from "../../../src/errors";
import { isPasswordMask } from "../../../src/site/local";
import { emailAccount, openTestSite, registry, type TestSite } from "./helpers";

const SECRET = "s3cret-Passw0rd-Zebra";

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error");
}

/** Every byte the site keeps on disk: the database, its WAL and shared-memory files. */
function siteBytes(site: TestSite): Buffer {
  site.store.checkpoint();
  const files = fs.readdirSync(site.dir).filter((f) => f.startsWith("site.sqlite") && !f.endsWith(".key"));
  return Buffer.concat(files.map((f) => fs.readFileSync(path.join(site.dir, f))));
}

function authRows(site: TestSite): Array<Record<string, unknown>> {
  site.store.checkpoint();
  const db = new BetterSqlite3(site.file, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM "__Auth"`).all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

describe("isPasswordMask", () => {
  it("is true only for a non-empty run of *", () => {
    expect(isPasswordMask("*****")).toBe(true);
    expect(isPasswordMask("")).toBe(false);
    expect(isPasswordMask("**a**")).toBe(false);
    expect(isPasswordMask(5)).toBe(false);
  });
});

describe("Password fields", () => {
  let site: TestSite;
  beforeEach(() => {
    site = openTestSite();
  });
  afterEach(() => site.cleanup());

  it("encrypts a clear value into __Auth and keeps a mask of its length in the row", () => {
    const doc = emailAccount("Capture Sales", { password: SECRET });
    site.store.insert(doc);
    expect(doc.password).toBe("*".repeat(SECRET.length));
    expect(site.store.load("Email Account", "Capture Sales")?.password).toBe("*".repeat(SECRET.length));
    expect(site.store.getSecret("Email Account", "Capture Sales", "password")).toBe(SECRET);
    const [row] = authRows(site);
    expect(row).toMatchObject({ doctype: "Email Account", name: "Capture Sales", fieldname: "password", encrypted: 1 });
    expect(String(row?.password)).toMatch(/^v1:/);
  });

  it("never writes the clear password into the SQLite files, across insert, update and setValue", () => {
    site.store.insert(emailAccount("Capture Sales", { password: SECRET }));
    site.store.update({ doctype: "Email Account", name: "Capture Sales", password: `${SECRET}-2` });
    site.store.setValue("Email Account", "Capture Sales", { password: `${SECRET}-3` });
    const bytes = siteBytes(site);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET, "utf16le"))).toBe(false);
    expect(site.store.getSecret("Email Account", "Capture Sales", "password")).toBe(`${SECRET}-3`);
  });

  it("never puts the password in an error message", () => {
    site.store.insert(emailAccount("Capture Sales", { password: SECRET }));
    const errors = [
      errorOf(() => site.store.insert(emailAccount("Capture Sales", { password: SECRET }))),
      errorOf(() => site.store.insert(emailAccount("Other", { email_id: "capture.sales@capture.example.test", password: SECRET }))),
      errorOf(() => site.store.update({ doctype: "Email Account", name: "Capture Sales", password: SECRET }, "2020-01-01 00:00:00.000000")),
      errorOf(() => site.store.update({ doctype: "Email Account", name: "Nobody", password: SECRET })),
    ];
    for (const err of errors) {
      expect(err.message).not.toContain(SECRET);
      expect(JSON.stringify(err)).not.toContain(SECRET);
      expect(String((err as { cause?: unknown }).cause ?? "")).not.toContain(SECRET);
    }
  });

  it("keeps the stored secret and the row's mask when a mask is saved back", () => {
    site.store.insert(emailAccount("Masked", { password: SECRET }));
    site.store.update({ doctype: "Email Account", name: "Masked", password: "*".repeat(SECRET.length), signature: "x" });
    site.store.update({ doctype: "Email Account", name: "Masked", password: "***" });
    expect(site.store.getSecret("Email Account", "Masked", "password")).toBe(SECRET);
    expect(site.store.load("Email Account", "Masked")?.password).toBe("*".repeat(SECRET.length));
  });

  it("keeps the secret when the record does not carry the field", () => {
    site.store.insert(emailAccount("Untouched", { password: SECRET }));
    site.store.update({ doctype: "Email Account", name: "Untouched", signature: "new" });
    expect(site.store.getSecret("Email Account", "Untouched", "password")).toBe(SECRET);
  });

  it.each([
    ["an empty string", ""],
    ["null", null],
  ])("deletes the secret when the field is saved as %s", (_label, value) => {
    site.store.insert(emailAccount("Cleared", { password: SECRET }));
    site.store.update({ doctype: "Email Account", name: "Cleared", password: value });
    expect(site.store.getSecret("Email Account", "Cleared", "password")).toBeUndefined();
    expect(site.store.load("Email Account", "Cleared")?.password ?? "").toBe("");
    expect(authRows(site)).toEqual([]);
  });

  it("removes the secrets with the record", () => {
    site.store.insert(emailAccount("Doomed", { password: SECRET }));
    site.store.insert(emailAccount("Survivor", { password: "other-secret" }));
    site.store.delete("Email Account", "Doomed");
    expect(site.store.getSecret("Email Account", "Doomed", "password")).toBeUndefined();
    expect(authRows(site).map((r) => r.name)).toEqual(["Survivor"]);
  });

  it("answers undefined for a field with no secret, and refuses an unknown DocType", () => {
    site.store.insert(emailAccount("No Password"));
    expect(site.store.getSecret("Email Account", "No Password", "password")).toBeUndefined();
    expect(() => site.store.getSecret("No Such DocType", "x", "password")).toThrow(DoesNotExistError);
  });

  it("creates <site>.key with mode 0600 when the first secret is stored", () => {
    const keyFile = `${site.file}.key`;
    expect(fs.existsSync(keyFile)).toBe(false);
    site.store.insert(emailAccount("Keyed", { password: SECRET }));
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile)).toHaveLength(32);
    expect(site.store.keyFile).toBe(keyFile);
  });

  it("uses the key file it is given instead", () => {
    site.cleanup();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fea-key-"));
    try {
      const keyFile = path.join(dir, "custom.key");
      site = openTestSite({ keyFile });
      site.store.insert(emailAccount("Custom", { password: SECRET }));
      expect(fs.existsSync(keyFile)).toBe(true);
      expect(fs.existsSync(`${site.file}.key`)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to read secrets with a wrong key file (ConfigError), without showing key or secret", () => {
    site.store.insert(emailAccount("Locked", { password: SECRET }));
    site.store.close();
    fs.writeFileSync(`${site.file}.key`, Buffer.alloc(32, 1));
    const store = site.reopen();
    const err = errorOf(() => store.getSecret("Email Account", "Locked", "password"));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain(Buffer.alloc(32, 1).toString("base64"));
  });
});

describe("Password fields of child rows", () => {
  const vaultRow: DocTypeMeta = {
    doctype: "DocType",
    name: "Vault Row",
    istable: 1,
    fields: [
      { fieldname: "label", fieldtype: "Data", label: "Label" },
      { fieldname: "token", fieldtype: "Password", label: "Token" },
    ],
  };
  const vault: DocTypeMeta = {
    doctype: "DocType",
    name: "Vault",
    fields: [{ fieldname: "rows", fieldtype: "Table", label: "Rows", options: "Vault Row" }],
  };
  let site: TestSite;
  beforeEach(() => {
    site = openTestSite({ meta: registry([vaultRow, vault]) });
  });
  afterEach(() => site.cleanup());

  it("keep their secret under the row's name across a replace, and lose it when the row goes", () => {
    const doc: Doc = { doctype: "Vault", name: "V1", rows: [{ label: "a", token: "token-a" }, { label: "b", token: "token-b" }] };
    site.store.insert(doc);
    const [a, b] = doc.rows as Doc[];
    expect(a?.token).toBe("*******");
    expect(site.store.getSecret("Vault Row", String(a?.name), "token")).toBe("token-a");

    site.store.update({ doctype: "Vault", name: "V1", rows: [{ ...a }] });
    expect(site.store.getSecret("Vault Row", String(a?.name), "token")).toBe("token-a");
    expect(site.store.getSecret("Vault Row", String(b?.name), "token")).toBeUndefined();

    site.store.delete("Vault", "V1");
    expect(site.store.getSecret("Vault Row", String(a?.name), "token")).toBeUndefined();
  });
});
