import type { Filters } from "../core/site";
import type { TlsMode } from "../fixtures";
import { InputError } from "../errors";
import { parseJsonText } from "./read-records";

/** `--limit 5`: a whole number >= 0 (0 = all rows). */
export function parseCount(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InputError(`${option} must be a whole number >= 0, got "${value}"`);
    return Number(value);
  };
}

/** `--imap-port 993`: 1..65535. */
export function parsePort(option: string): (value: string) => number {
  return (value) => {
    const port = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) throw new InputError(`${option} must be a port number from 1 to 65535, got "${value}"`);
    return port;
  };
}

const TLS_MODES: readonly TlsMode[] = ["ssl", "starttls", "none"];

export function parseTls(option: string): (value: string) => TlsMode {
  return (value) => {
    if (!(TLS_MODES as readonly string[]).includes(value)) throw new InputError(`${option} must be one of ${TLS_MODES.join(", ")}, got "${value}"`);
    return value as TlsMode;
  };
}

/** `--fields name,email_id` -> ["name", "email_id"]. */
export function parseFieldList(value: string): string[] {
  const fields = value
    .split(",")
    .map((field) => field.trim())
    .filter((field) => field !== "");
  if (fields.length === 0) throw new InputError(`--fields needs at least one field name, got "${value}"`);
  return fields;
}

/** `--filters '{"enable_incoming": 1}'` or `'[["enable_incoming", "=", 1]]'`. */
export function parseFilters(value: string): Filters {
  const filters = parseJsonText(value, "--filters");
  if (typeof filters !== "object" || filters === null) {
    throw new InputError(`--filters must be a JSON object ({"field": value}) or a list of [field, operator, value] conditions`);
  }
  return filters as Filters;
}
