import { type FrappeError, isFrappeError } from "../errors";
import type { TextSink } from "./io";

/** The tags Frappe's messages use; only these are stripped, so `<domain>` in a usage message stays. */
const HTML_TAG = /<\/?(strong|b|i|em|u|small|code|pre|p|div|span|a|ul|ol|li|hr|h[1-6]|table|thead|tbody|tr|td|th)(\s[^<>]*)?\/?>/gi;

/** `<strong>Support</strong>` -> `Support`: Frappe's messages carry HTML meant for its desk. */
export function stripHtml(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, " ")
    .replace(HTML_TAG, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** One line for a terminal: tags stripped, line breaks and runs of blanks folded. */
export function oneLine(text: string): string {
  return stripHtml(text).replace(/\s+/g, " ").trim();
}

export interface ErrorReport {
  exc_type: string;
  code?: string;
  message: string;
  title?: string;
  field?: string;
}

/** The `{exc_type, message}` pair for any thrown value (an unexpected one reports its class name). */
export function errorReport(err: unknown): ErrorReport {
  if (isFrappeError(err)) return (err as FrappeError).toJSON();
  if (err instanceof Error) return { exc_type: err.name || "Error", message: err.message };
  return { exc_type: "Error", message: String(err) };
}

/** `error: <exc_type>: <message>` on one line. */
export function errorLine(err: unknown): string {
  const report = errorReport(err);
  return `error: ${report.exc_type}: ${oneLine(report.message)}`;
}

/** Pretty JSON, one value per call, newline-terminated. */
export function writeJson(sink: TextSink, value: unknown): void {
  sink.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLine(sink: TextSink, text = ""): void {
  sink.write(`${text}\n`);
}

/** A cell as a human reads it: null/undefined empty, objects as compact JSON, always one line. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return oneLine(JSON.stringify(value));
  return oneLine(String(value));
}

/** A plain text table: a header row, a rule, and the rows, columns padded to the widest cell. */
export function renderTable(headers: string[], rows: unknown[][]): string {
  const cells = rows.map((row) => headers.map((_h, i) => cellText(row[i])));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => (row[i] ?? "").length)));
  const format = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [format(headers), format(widths.map((w) => "-".repeat(w))), ...cells.map(format)].join("\n");
}
