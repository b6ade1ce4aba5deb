import pino from "pino";
import type { Logger } from "../core/logger";
import type { TextSink } from "./io";

/** Keys that may hold a secret anywhere in a logged object: replaced, never written. */
const SECRET_PATHS = ["password", "*.password", "*.*.password", "token", "*.token", "oauthToken", "*.oauthToken", "api_secret", "*.api_secret"];

const LEVEL_NAMES: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };
const BOOKKEEPING = new Set(["level", "time", "msg", "pid", "hostname"]);

/** `warn: connection test skipped (account=Support direction=incoming)`: a log line a person reads. */
export function humanLogLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const level = LEVEL_NAMES[Number(entry.level)] ?? String(entry.level);
  const context = Object.entries(entry)
    .filter(([key]) => !BOOKKEEPING.has(key))
    .map(([key, value]) => {
      const text = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
      return `${key}=${/\s/.test(text) ? JSON.stringify(text) : text}`;
    });
  return `${level}: ${String(entry.msg ?? "")}${context.length > 0 ? ` (${context.join(" ")})` : ""}\n`;
}

/**
 * pino on stderr (stdout carries command output): warnings and errors, or info with `--verbose`.
 * With `--json` the lines stay pino's JSON; otherwise they are shortened for a terminal.
 */
export function createCliLogger(stderr: TextSink, options: { verbose: boolean; json: boolean }): Logger {
  return pino(
    { level: options.verbose ? "info" : "warn", base: undefined, redact: { paths: SECRET_PATHS, censor: "[hidden]" } },
    { write: (line: string) => stderr.write(options.json ? line : humanLogLine(line)) },
  );
}
