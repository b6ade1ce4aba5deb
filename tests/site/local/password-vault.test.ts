import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError } from "../../../src/errors";
import { createPasswordVault } from "../../../src/site/local";

describe("createPasswordVault", () => {
  let dir: string;
  let keyFile: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fea-vault-"));
    keyFile = path.join(dir, "site.sqlite.key");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("round-trips a secret through AES-256-GCM in the versioned format", () => {
    const vault = createPasswordVault(keyFile);
    const stored = vault.encrypt("s3cret-Passw0rd ünïcode");
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(stored).not.toContain("s3cret");
    // 12-byte IV + 16-byte tag + the UTF-8 bytes of the secret.
    expect(Buffer.from(stored.slice(3), "base64").length).toBe(12 + 16 + Buffer.byteLength("s3cret-Passw0rd ünïcode"));
    expect(vault.decrypt(stored)).toBe("s3cret-Passw0rd ünïcode");
  });

  it("uses a fresh IV each time, so equal secrets do not look equal", () => {
    const vault = createPasswordVault(keyFile);
    expect(vault.encrypt("same")).not.toBe(vault.encrypt("same"));
  });

  it("creates the key file on first use only, with 32 bytes and mode 0600", () => {
    const vault = createPasswordVault(keyFile);
    expect(fs.existsSync(keyFile)).toBe(false);
    vault.encrypt("x");
    expect(fs.readFileSync(keyFile)).toHaveLength(32);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it("reads an existing key file, so a second vault decrypts what the first sealed", () => {
    const stored = createPasswordVault(keyFile).encrypt("kept");
    expect(createPasswordVault(keyFile).decrypt(stored)).toBe("kept");
  });

  it("refuses a key file of the wrong size with ConfigError, without showing the key", () => {
    const key = Buffer.from("0123456789abcdef0123456789abcdef-too-long");
    fs.writeFileSync(keyFile, key, { mode: 0o600 });
    const vault = createPasswordVault(keyFile);
    let error: unknown;
    try {
      vault.encrypt("x");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`The key file ${keyFile} must hold exactly 32 bytes`);
    expect((error as Error).message).not.toContain("0123456789abcdef");
  });

  it("refuses an unreadable key file with ConfigError", () => {
    fs.mkdirSync(keyFile);
    expect(() => createPasswordVault(keyFile).encrypt("x")).toThrow(ConfigError);
    expect(() => createPasswordVault(keyFile).encrypt("x")).toThrow(`Cannot read the key file ${keyFile} (EISDIR)`);
  });

  it("refuses to decrypt with another key, and when the key file is gone", () => {
    const stored = createPasswordVault(keyFile).encrypt("top secret");
    fs.writeFileSync(keyFile, Buffer.alloc(32, 7));
    const wrong = createPasswordVault(keyFile);
    expect(() => wrong.decrypt(stored)).toThrow(ConfigError);
    expect(() => wrong.decrypt(stored)).toThrow(`Cannot decrypt a stored secret with the key file ${keyFile}: wrong key or damaged data`);
    fs.rmSync(keyFile);
    expect(() => createPasswordVault(keyFile).decrypt(stored)).toThrow(`The key file ${keyFile} is missing, so the stored secrets cannot be read`);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it("refuses altered or foreign stored text", () => {
    const vault = createPasswordVault(keyFile);
    const stored = vault.encrypt("abc");
    const raw = Buffer.from(stored.slice(3), "base64");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => vault.decrypt(`v1:${raw.toString("base64")}`)).toThrow(ConfigError);
    expect(() => vault.decrypt("plain text")).toThrow("A stored secret is in an unknown format");
    expect(() => vault.decrypt("v1:AAAA")).toThrow("A stored secret is damaged");
  });

  it("keeps the key in memory when given no key file", () => {
    const vault = createPasswordVault();
    expect(vault.decrypt(vault.encrypt("ephemeral"))).toBe("ephemeral");
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
