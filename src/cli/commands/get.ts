import type { Command } from "commander";
import type { Doc } from "../../core/doc";
import { isTableField } from "../../core/meta";
import type { MetaRegistry } from "../../core/meta-registry";
import { maskPasswords } from "../mask";
import { cellText, renderTable, writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";

/** Columns every child row has; a person wants the row's own fields. */
const ROW_BOOKKEEPING = new Set(["doctype", "owner", "creation", "modified", "modified_by", "docstatus", "parent", "parentfield", "parenttype"]);

/** Field | Value rows for humans; child tables as their own small tables below. */
function printDoc(cli: CliRuntime, doc: Doc, registry: MetaRegistry): void {
  const tables = new Set(registry.get(doc.doctype).fields.filter(isTableField).map((f) => f.fieldname));
  const scalars = Object.entries(doc).filter(([key]) => !tables.has(key));
  writeLine(cli.io.stdout, renderTable(["Field", "Value"], scalars.map(([key, value]) => [key, cellText(value)])));
  for (const table of tables) {
    const rows = Array.isArray(doc[table]) ? (doc[table] as Doc[]) : [];
    if (rows.length === 0) continue;
    const headers = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => !ROW_BOOKKEEPING.has(key));
    writeLine(cli.io.stdout, `\n${table}:`);
    writeLine(cli.io.stdout, renderTable(headers, rows.map((row) => headers.map((h) => row[h]))));
  }
}

export function registerGet(program: Command, cli: CliRuntime): void {
  program
    .command("get")
    .description("show one record with its child rows (passwords masked)")
    .argument("<doctype>", 'DocType name, e.g. "Email Account"')
    .argument("<name>", "record name")
    .action(async (doctype: string, name: string, _options: unknown, command: Command) => {
      const { json } = cli.globals(command);
      await cli.withSite(command, async (site) => {
        const doc = maskPasswords(await site.get(doctype, name), site.meta);
        if (json) writeJson(cli.io.stdout, doc);
        else printDoc(cli, doc, site.meta);
      });
    });
}
