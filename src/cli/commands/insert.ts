import type { Command } from "commander";
import type { Doc } from "../../core/doc";
import type { SiteMessage } from "../../core/site";
import { type ErrorName, isFrappeError, makeError } from "../../errors";
import { maskPasswords } from "../mask";
import { oneLine, writeJson, writeLine } from "../output";
import { checkRecord, describeRecord, readRecordsFile } from "../read-records";
import type { CliRuntime } from "../runtime";
import type { CliSite } from "../site-option";

export interface Inserted {
  doctype: string;
  name: string;
  doc: Doc;
  messages: SiteMessage[];
}

/** The same kind of error, its message led by the record's position, so a long file's failure is easy to find. */
function atRecord(err: unknown, where: string): unknown {
  if (!isFrappeError(err)) return err;
  return makeError(err.name as ErrorName, `${where}: ${err.message}`, {
    cause: err,
    ...(err.title === undefined ? {} : { title: err.title }),
    ...(err.doctype === undefined ? {} : { doctype: err.doctype }),
    ...(err.docname === undefined ? {} : { docname: err.docname }),
    ...(err.field === undefined ? {} : { field: err.field }),
  });
}

/** Inserts every record in ONE transaction: all of them land, or (on any error) none. */
export async function insertRecords(site: CliSite, records: unknown[], labelled: boolean): Promise<Inserted[]> {
  const docs = records.map((record, index) => {
    const checked = checkRecord(record, index, site.meta);
    if (checked instanceof Error) throw checked;
    return checked;
  });
  return site.transaction(async () => {
    const inserted: Inserted[] = [];
    for (const [index, doc] of docs.entries()) {
      try {
        const result = await site.insert(doc);
        inserted.push({ doctype: result.doc.doctype, name: String(result.doc.name), doc: maskPasswords(result.doc, site.meta), messages: result.messages });
      } catch (err) {
        throw labelled ? atRecord(err, describeRecord(index, doc)) : err;
      }
    }
    return inserted;
  });
}

export function registerInsert(program: Command, cli: CliRuntime): void {
  program
    .command("insert")
    .description("insert the records of FILE through the full lifecycle, all in one transaction (all land or none)")
    .argument("<file>", "JSON file: one record or an array, each with a doctype")
    .action(async (file: string, _options: unknown, command: Command) => {
      const { json } = cli.globals(command);
      const { records, isArray } = readRecordsFile(file, cli.io.cwd);
      await cli.withSite(command, async (site) => {
        const inserted = await insertRecords(site, records, isArray);
        if (json) {
          writeJson(cli.io.stdout, inserted);
          return;
        }
        for (const entry of inserted) {
          writeLine(cli.io.stdout, `inserted ${entry.doctype} ${entry.name}`);
          for (const message of entry.messages) writeLine(cli.io.stderr, `note: ${oneLine(message.message)}`);
        }
      });
    });
}
