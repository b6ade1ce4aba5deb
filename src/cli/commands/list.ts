import type { Command } from "commander";
import type { ListArgs } from "../../core/site";
import { parseCount, parseFieldList, parseFilters } from "../option-parsers";
import { renderTable, writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";
import { maskPasswords } from "../mask";

interface ListOptions {
  fields?: string[];
  filters?: ListArgs["filters"];
  orderBy?: string;
  limit?: number;
}

export function registerList(program: Command, cli: CliRuntime): void {
  program
    .command("list")
    .description("list records of a DocType, as Frappe's REST list does (name only unless --fields)")
    .argument("<doctype>", 'DocType name, e.g. "Email Account"')
    .option("--fields <fields>", "comma-separated columns, e.g. name,email_id (* for all)", parseFieldList)
    .option("--filters <json>", 'JSON: {"field": value} or [["field", "=", value], ...]', parseFilters)
    .option("--order-by <order>", 'e.g. "modified desc"')
    .option("--limit <n>", "rows to return, 0 for all (default 20)", parseCount("--limit"))
    .action(async (doctype: string, options: ListOptions, command: Command) => {
      const { json } = cli.globals(command);
      const args: ListArgs = {
        ...(options.fields ? { fields: options.fields } : {}),
        ...(options.filters ? { filters: options.filters } : {}),
        ...(options.orderBy ? { orderBy: options.orderBy } : {}),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
      };
      await cli.withSite(command, async (site) => {
        const rows = (await site.getList(doctype, args)).map((row) => maskPasswords({ ...row, doctype }, site.meta));
        const shown = rows.map(({ doctype: _doctype, ...rest }) => rest);
        if (json) {
          writeJson(cli.io.stdout, shown);
          return;
        }
        const headers = options.fields && !options.fields.includes("*") ? options.fields : [...new Set(shown.flatMap((row) => Object.keys(row)))];
        if (shown.length === 0) writeLine(cli.io.stdout, `No ${doctype} records.`);
        else writeLine(cli.io.stdout, renderTable(headers.length > 0 ? headers : ["name"], shown.map((row) => headers.map((h) => (row as Record<string, unknown>)[h]))));
      });
    });
}
