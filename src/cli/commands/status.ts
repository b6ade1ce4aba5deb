import type { Command } from "commander";
import type { Site } from "../../core/site";
import { listAccountStatuses, STATUS_HEADERS, statusRow } from "../account-state";
import { renderTable, writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";

/** Prints the accounts table (or, with `--json`, the list of account statuses). */
export async function printStatus(cli: CliRuntime, site: Site, json: boolean, extra: Record<string, unknown> = {}): Promise<void> {
  const accounts = await listAccountStatuses(site);
  if (json) {
    writeJson(cli.io.stdout, { site: site.label, ...extra, accounts });
    return;
  }
  writeLine(cli.io.stdout, `Site: ${site.label}`);
  if (accounts.length === 0) {
    writeLine(cli.io.stdout, "No Email Accounts yet: run `frappe-email-account seed --domain <your domain>`.");
    return;
  }
  writeLine(cli.io.stdout, renderTable(STATUS_HEADERS, accounts.map(statusRow)));
}

export function registerStatus(program: Command, cli: CliRuntime): void {
  program
    .command("status")
    .description("show every Email Account: incoming/outgoing, and whether it is ready or still awaits its password")
    .action(async (_options: unknown, command: Command) => {
      const { json } = cli.globals(command);
      await cli.withSite(command, (site) => printStatus(cli, site, json));
    });
}
