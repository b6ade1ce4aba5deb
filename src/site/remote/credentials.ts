import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError } from "../../errors";

/** A Frappe API key pair (User > API Access). The secret never leaves this object except in the Authorization header. */
export interface ApiCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface CredentialSources {
  /** The environment to read `FRAPPE_API_KEY` / `FRAPPE_API_SECRET` / `FEA_CREDENTIALS_FILE` from. */
  env: Record<string, string | undefined>;
  /** The site the credentials are for (its URL without credentials); picks an entry of the file's `sites`. */
  siteUrl: string;
}

/** `FEA_CREDENTIALS_FILE`, else `$XDG_CONFIG_HOME/frappe-email-account/credentials.json` (default `~/.config/...`). */
export function credentialsFilePath(env: Record<string, string | undefined>): string {
  if (env.FEA_CREDENTIALS_FILE) return path.resolve(env.FEA_CREDENTIALS_FILE);
  const configHome = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), ".config");
  return path.join(configHome, "frappe-email-account", "credentials.json");
}

function pairFrom(value: unknown): ApiCredentials | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const apiKey = record.api_key;
  const apiSecret = record.api_secret;
  if (typeof apiKey !== "string" || typeof apiSecret !== "string" || apiKey === "" || apiSecret === "") return undefined;
  return { apiKey, apiSecret };
}

/** Entries of `sites` match the URL exactly or by origin (`https://erp.acme.test` covers `https://erp.acme.test/`). */
function siteEntry(sites: unknown, siteUrl: string): unknown {
  if (typeof sites !== "object" || sites === null) return undefined;
  const wanted = siteUrl.replace(/\/+$/, "");
  for (const [url, entry] of Object.entries(sites)) {
    if (url.replace(/\/+$/, "") === wanted) return entry;
  }
  return undefined;
}

/** Refuses a file others may read: the secret is as good as a password. */
function checkPrivate(file: string): void {
  if (process.platform === "win32") return;
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(
      `the credentials file ${file} is readable by others (mode ${mode.toString(8).padStart(4, "0")}); make it private with: chmod 600 ${file}`,
    );
  }
}

/**
 * Reads `{"api_key", "api_secret"}` or `{"sites": {"<url>": {"api_key", "api_secret"}}}` from
 * the credentials file; undefined when the file does not exist.
 */
export function readCredentialsFile(file: string, siteUrl: string): ApiCredentials | undefined {
  if (!fs.existsSync(file)) return undefined;
  checkPrivate(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    // The content is not echoed: it holds secrets.
    throw new ConfigError(`the credentials file ${file} is not valid JSON`);
  }
  const record = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const pair = pairFrom(siteEntry(record.sites, siteUrl)) ?? pairFrom(record);
  if (!pair) throw new ConfigError(`the credentials file ${file} has no api_key and api_secret for ${siteUrl}`);
  return pair;
}

/**
 * The API key pair for a remote site: `FRAPPE_API_KEY` + `FRAPPE_API_SECRET` from the environment,
 * else the credentials file. Never from the command line, where other users can read it.
 */
export function loadCredentials(sources: CredentialSources): ApiCredentials {
  const { env, siteUrl } = sources;
  const apiKey = env.FRAPPE_API_KEY;
  const apiSecret = env.FRAPPE_API_SECRET;
  if (apiKey && apiSecret) return { apiKey, apiSecret };
  if (apiKey || apiSecret) throw new ConfigError("set both FRAPPE_API_KEY and FRAPPE_API_SECRET, or neither (to use the credentials file)");
  const file = credentialsFilePath(env);
  const pair = readCredentialsFile(file, siteUrl);
  if (pair) return pair;
  throw new ConfigError(
    `no API credentials for ${siteUrl}: set FRAPPE_API_KEY and FRAPPE_API_SECRET, or write {"api_key": ..., "api_secret": ...} to ${file} (chmod 600)`,
  );
}
