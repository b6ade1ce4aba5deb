import type { Command } from "commander";
import { pushRecords } from "../../sync-records";
import { writeJson } from "../output";
import type { CliRuntime } from "../runtime";
import { printSyncReport, selectionFrom, type SyncCommandOptions, syncFailed, withSyncOptions, withSyncSites } from "./pull";

interface PushCommandOptions extends SyncCommandOptions {
  dryRun?: boolean;
  force?: boolean;
}

export function registerPush(program: Command, cli: CliRuntime): void {
  withSyncOptions(
    program
      .command("push")
      .description(
        "send local records to the site (--site URL or FRAPPE_URL): inserted when missing, else updated when the site's copy is unchanged since the last sync; records this site's rules refuse are reported and not sent",
      ),
  )
    .option("--dry-run", "check and report what would be sent; send nothing")
    .option("--force", "overwrite records changed on the site since the last sync")
    .action(async (doctypes: string[], options: PushCommandOptions, command: Command) => {
      const { json } = cli.globals(command);
      const selection = selectionFrom(doctypes, options);
      await withSyncSites(cli, command, options, async ({ local, remote, ledger }, log) => {
        const report = await pushRecords(local, remote, { selection, ledger, log, concurrency: options.concurrency, dryRun: options.dryRun === true, force: options.force === true });
        if (json) writeJson(cli.io.stdout, report);
        else printSyncReport(cli, report);
        if (syncFailed(report)) cli.exitCode = 1;
      });
    });
}
