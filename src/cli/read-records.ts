import fs from "node:fs";
import path from "node:path";
import type { Doc } from "../core/doc";
import type { MetaRegistry } from "../core/meta-registry";
import { InputError } from "../errors";
import { jsonErrorOffset, lineAndColumn } from "./json-position";

export interface RecordsFile {
  /** The records in file order (not yet checked). */
  records: unknown[];
  /** The file held an array (rather than one record). */
  isArray: boolean;
}

/**
 * The parser's own words without the input excerpt V8 adds (`..., "<text>" is not valid JSON`):
 * the excerpt could show a password from the file. The position is given as line and column instead.
 */
function parserWords(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message
    .replace(/,\s*(\.\.\.)?"[\s\S]*" is not valid JSON\s*$/, "")
    .replace(/\s+in JSON at position \d+[\s\S]*$/, "")
    .replace(/'(\s)'/g, (_match, blank: string) => JSON.stringify(blank).replace(/"/g, "'"))
    .trim();
}

/** Parses `text` (the content of `label`), with an InputError naming line and column when it is not JSON. */
export function parseJsonText(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const offset = jsonErrorOffset(text) ?? text.length;
    const { line, column } = lineAndColumn(text, offset);
    throw new InputError(`${label} is not valid JSON: ${parserWords(err)} (line ${line}, column ${column})`, { cause: err });
  }
}

/** Reads FILE: one record (an object) or an array of records. */
export function readRecordsFile(file: string, cwd: string): RecordsFile {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : (err as Error).message}`, { cause: err });
  }
  const data = parseJsonText(text.replace(/^\uFEFF/, ""), file);
  if (Array.isArray(data)) return { records: data, isArray: true };
  if (typeof data === "object" && data !== null) return { records: [data], isArray: false };
  throw new InputError(`${file} must hold one record (a JSON object) or an array of records`);
}

/** `record #2 (Email Account "Support")`: how messages point at one record of a file. */
export function describeRecord(index: number, record: unknown): string {
  const doc = (typeof record === "object" && record !== null ? record : {}) as Record<string, unknown>;
  const doctype = typeof doc.doctype === "string" && doc.doctype !== "" ? doc.doctype : undefined;
  const name = [doc.name, doc.email_account_name, doc.domain_name].find((v) => typeof v === "string" && v !== "");
  const what = doctype === undefined ? "" : name === undefined ? ` (${doctype})` : ` (${doctype} "${String(name)}")`;
  return `record #${index + 1}${what}`;
}

/** The record as a Doc, or the InputError a record without `doctype` or of an unknown DocType gets. */
export function checkRecord(record: unknown, index: number, meta: MetaRegistry): Doc | InputError {
  const where = `record #${index + 1}`;
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return new InputError(`${where} is not a JSON object`);
  }
  const doctype = (record as Record<string, unknown>).doctype;
  if (typeof doctype !== "string" || doctype.trim() === "") return new InputError(`${where} has no "doctype"`, { field: "doctype" });
  if (!meta.has(doctype)) return new InputError(`${where}: DocType "${doctype}" does not exist`, { field: "doctype" });
  return record as Doc;
}
