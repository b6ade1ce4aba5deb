import fs from "node:fs";
import { ConfigError } from "../../errors";
import type { TrustOptions } from "./tls-trust";

/**
 * Node's own variable for extra CA certificates. Node reads it once at start-up; reading it here
 * as well lets a program that runs the CLI in-process (tests, embedders) pass it through its env.
 */
export const EXTRA_CA_ENV = "NODE_EXTRA_CA_CERTS";

/** The extra CA named by NODE_EXTRA_CA_CERTS in `env`, if any. ConfigError when the file cannot be read. */
export function trustFromEnvironment(env: Record<string, string | undefined>): TrustOptions {
  const file = env[EXTRA_CA_ENV];
  if (!file) return {};
  try {
    return { ca: fs.readFileSync(file, "utf8") };
  } catch (err) {
    throw new ConfigError(`${EXTRA_CA_ENV} names ${file}, which cannot be read: ${(err as Error).message}`, { cause: err });
  }
}
