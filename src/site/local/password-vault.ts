import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { ConfigError } from "../../errors";

/** Encrypts Password field values at rest. Messages name the key file, never a key or a secret. */
export interface PasswordVault {
  encrypt(clear: string): string;
  decrypt(stored: string): string;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Version prefix of the stored text, so a later format can sit next to this one. */
const FORMAT_PREFIX = "v1:";

function errorCode(err: unknown): string {
  return typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : "unknown error";
}

/** The key in the file, or undefined when there is no file yet. */
function readKeyFile(path: string): Buffer | undefined {
  let key: Buffer;
  try {
    key = fs.readFileSync(path);
  } catch (err) {
    if (errorCode(err) === "ENOENT") return undefined;
    throw new ConfigError(`Cannot read the key file ${path} (${errorCode(err)})`);
  }
  if (key.length !== KEY_BYTES) throw new ConfigError(`The key file ${path} must hold exactly ${KEY_BYTES} bytes`);
  return key;
}

/** Writes 32 random bytes to a new file only its owner may read; another process creating it first wins. */
function createKeyFile(path: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  let fd: number;
  try {
    fd = fs.openSync(path, "wx", 0o600);
  } catch (err) {
    if (errorCode(err) === "EEXIST") {
      const existing = readKeyFile(path);
      if (existing) return existing;
    }
    throw new ConfigError(`Cannot create the key file ${path} (${errorCode(err)})`);
  }
  try {
    fs.writeSync(fd, key);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return key;
}

/** Where the key comes from: a file next to the site (created on first use), or memory for `:memory:` sites. */
interface KeySource {
  /** The key to encrypt with; created when missing. */
  forWriting(): Buffer;
  /** The key to decrypt with; a missing key file is an error, since the secrets were sealed with it. */
  forReading(): Buffer;
  describe(): string;
}

function fileKeySource(path: string): KeySource {
  let cached: Buffer | undefined;
  return {
    forWriting: () => (cached ??= readKeyFile(path) ?? createKeyFile(path)),
    forReading: () => {
      cached ??= readKeyFile(path);
      if (!cached) throw new ConfigError(`The key file ${path} is missing, so the stored secrets cannot be read`);
      return cached;
    },
    describe: () => `the key file ${path}`,
  };
}

function memoryKeySource(): KeySource {
  const key = randomBytes(KEY_BYTES);
  return { forWriting: () => key, forReading: () => key, describe: () => "this process's in-memory key" };
}

/**
 * AES-256-GCM with a fresh 12-byte IV per value; stored as `v1:` + base64(iv | tag | ciphertext).
 * Without `keyFile` the key lives only in memory (pure unit tests on `:memory:` sites).
 */
export function createPasswordVault(keyFile?: string): PasswordVault {
  const keys = keyFile === undefined ? memoryKeySource() : fileKeySource(keyFile);
  return {
    encrypt(clear: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", keys.forWriting(), iv);
      const body = Buffer.concat([cipher.update(clear, "utf8"), cipher.final()]);
      return FORMAT_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
    },
    decrypt(stored: string): string {
      if (!stored.startsWith(FORMAT_PREFIX)) throw new ConfigError("A stored secret is in an unknown format");
      const raw = Buffer.from(stored.slice(FORMAT_PREFIX.length), "base64");
      if (raw.length < IV_BYTES + TAG_BYTES) throw new ConfigError("A stored secret is damaged");
      const decipher = createDecipheriv("aes-256-gcm", keys.forReading(), raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        // GCM refuses a wrong key and altered data alike; the crypto error carries nothing worth keeping.
        throw new ConfigError(`Cannot decrypt a stored secret with ${keys.describe()}: wrong key or damaged data`);
      }
    },
  };
}
