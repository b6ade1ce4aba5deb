import type { Command } from "commander";
import { writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";

export function registerDelete(program: Command, cli: CliRuntime): void {
  program
    .command("delete")
    .description("delete one record through the delete lifecycle (refused while other records link to it)")
    .argument("<doctype>", 'DocType name, e.g. "Email Account"')
    .argument("<name>", "record name")
    .action(async (doctype: string, name: string, _options: unknown, command: Command) => {
      const { json } = cli.globals(command);
      await cli.withSite(command, async (site) => {
        await site.delete(doctype, name);
        if (json) writeJson(cli.io.stdout, { deleted: true, doctype, name });
        else writeLine(cli.io.stdout, `deleted ${doctype} ${name}`);
      });
    });
}
