import type { Command } from "commander";
import { type DiffReport, diffRecords } from "../../sync-records";
import { writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";
import { selectionFrom, type SyncCommandOptions, withSyncOptions, withSyncSites } from "./pull";

const STATE_TEXT = { differs: "differs", "only-local": "only here", "only-remote": "only on the site", failed: "failed" } as const;

/** A value as it is stored: markup kept (it may be the difference), line breaks shown as \n, rows as JSON. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

/** A padded table like the other commands', but cells as given: the shared one strips markup, which may be the very difference. */
function plainTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)));
  const format = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [format(headers), format(widths.map((w) => "-".repeat(w))), ...rows.map(format)].join("\n");
}

/** One line per differing field; records one site lacks on one line. */
function printDiff(cli: CliRuntime, report: DiffReport): void {
  const rows: string[][] = [];
  for (const record of report.records) {
    const head = [record.doctype, record.name ?? "", record.remoteName ?? "", STATE_TEXT[record.state]];
    if (record.error) rows.push([...head, "", valueText(`${record.error.exc_type}: ${record.error.message}`), ""]);
    else if (record.fields.length === 0) rows.push(head);
    record.fields.forEach((field, index) => rows.push([...(index === 0 ? head : ["", "", "", ""]), field.field, valueText(field.local), valueText(field.remote)]));
  }
  if (rows.length > 0) writeLine(cli.io.stdout, plainTable(["DocType", "Name", "Remote name", "State", "Field", "Local", "Remote"], rows));
  const count = (state: keyof typeof STATE_TEXT) => report.records.filter((r) => r.state === state).length;
  writeLine(
    cli.io.stdout,
    `diff ${report.local} <-> ${report.remote}: ${count("differs")} differ, ${count("only-local")} only here, ${count("only-remote")} only on the site, ${report.same} the same` +
      (count("failed") > 0 ? `, ${count("failed")} failed` : ""),
  );
}

export function registerDiff(program: Command, cli: CliRuntime): void {
  withSyncOptions(
    program
      .command("diff")
      .description("show the field-level differences between the local records and the site's (bookkeeping fields, child row names and password values are not compared)"),
  ).action(async (doctypes: string[], options: SyncCommandOptions, command: Command) => {
    const { json } = cli.globals(command);
    const selection = selectionFrom(doctypes, options);
    await withSyncSites(cli, command, options, async ({ local, remote, ledger }, log) => {
      const report = await diffRecords(local, remote, { selection, ledger, log, concurrency: options.concurrency });
      if (json) writeJson(cli.io.stdout, report);
      else printDiff(cli, report);
      if (report.records.some((record) => record.state === "failed")) cli.exitCode = 1;
    });
  });
}
