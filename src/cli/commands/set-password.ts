import type { Command } from "commander";
import { DoesNotExistError } from "../../errors";
import { oneLine, writeJson, writeLine } from "../output";
import { readPassword } from "../password-input";
import type { CliRuntime } from "../runtime";

const DOCTYPE = "Email Account";

export function registerSetPassword(program: Command, cli: CliRuntime): void {
  program
    .command("set-password")
    .description("store an Email Account's password, read from stdin (one line; on a terminal, typed without echo), and clear awaiting_password; the save runs the connection test")
    .argument("<account>", "Email Account name, e.g. Support")
    .option("--no-connect", "skip the live login test")
    .action(async (account: string, options: { connect: boolean }, command: Command) => {
      const { json } = cli.globals(command);
      await cli.withSite(command, async (site) => {
        if (!(await site.exists(DOCTYPE, account))) {
          throw new DoesNotExistError(`${DOCTYPE} ${account} not found`, { doctype: DOCTYPE, docname: account });
        }
        const password = await readPassword(cli.io.stdin, cli.io.stderr, `Password for ${DOCTYPE} ${account}: `);
        const { messages } = await site.save({ doctype: DOCTYPE, name: account, password, awaiting_password: 0 }, { noConnect: !options.connect });
        if (json) {
          writeJson(cli.io.stdout, { account, password_set: true, messages });
          return;
        }
        writeLine(cli.io.stdout, `password set for ${DOCTYPE} ${account}`);
        for (const message of messages) writeLine(cli.io.stderr, `note: ${oneLine(message.message)}`);
      });
    });
}
