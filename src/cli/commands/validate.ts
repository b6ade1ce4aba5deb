import type { Command } from "commander";
import type { Doc } from "../../core/doc";
import type { DryRunResult } from "../../site/local-site";
import type { CliSite } from "../site-option";
import { maskPasswords } from "../mask";
import { oneLine, writeJson, writeLine } from "../output";
import { checkRecord, describeRecord, readRecordsFile } from "../read-records";
import type { CliRuntime } from "../runtime";

/** Runs the records through the full lifecycle and rolls back; checks `doctype` first so a bad one names its position. */
export async function validateRecords(site: CliSite, records: unknown[], noConnect: boolean): Promise<DryRunResult[]> {
  const checked = records.map((record, index) => checkRecord(record, index, site.meta));
  const runnable = checked.filter((entry): entry is Doc => !(entry instanceof Error));
  const results = await site.dryRun(runnable, { noConnect });
  let next = 0;
  return checked.map((entry, index) => {
    if (!(entry instanceof Error)) return results[next++] as DryRunResult;
    const record = records[index];
    const doc = (typeof record === "object" && record !== null ? record : { value: record }) as Doc;
    return {
      doctype: typeof doc.doctype === "string" ? doc.doctype : "",
      name: typeof doc.name === "string" ? doc.name : null,
      valid: false,
      errors: [{ exc_type: entry.excType, message: entry.message }],
      doc,
    };
  });
}

function printHuman(cli: CliRuntime, file: string, records: unknown[], results: DryRunResult[]): void {
  results.forEach((result, index) => {
    const what = result.valid ? `${describeRecord(index, { ...(records[index] as object), name: result.name })}: valid` : `${describeRecord(index, records[index])}: invalid`;
    writeLine(cli.io.stdout, what);
    for (const error of result.errors) writeLine(cli.io.stdout, `  ${error.exc_type}: ${oneLine(error.message)}`);
  });
  const invalid = results.filter((r) => !r.valid).length;
  writeLine(cli.io.stdout, invalid === 0 ? `${file}: all ${results.length} valid (nothing was stored)` : `${file}: ${invalid} of ${results.length} invalid (nothing was stored)`);
}

export function registerValidate(program: Command, cli: CliRuntime): void {
  program
    .command("validate")
    .description("run records from FILE through the full lifecycle against the site, then roll everything back")
    .argument("<file>", "JSON file: one record or an array, each with a doctype")
    .option("--no-connect", "skip live logins in connection tests")
    .action(async (file: string, options: { connect: boolean }, command: Command) => {
      const { json } = cli.globals(command);
      const { records } = readRecordsFile(file, cli.io.cwd);
      await cli.withSite(command, async (site) => {
        const results = await validateRecords(site, records, !options.connect);
        const shown = results.map((r) => ({ doctype: r.doctype, name: r.name, valid: r.valid, errors: r.errors, doc: maskPasswords(r.doc, site.meta) }));
        if (json) writeJson(cli.io.stdout, shown);
        else printHuman(cli, file, records, results);
        if (results.some((r) => !r.valid)) cli.exitCode = 1;
      });
    });
}
