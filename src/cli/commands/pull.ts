import type { Command } from "commander";
import type { Logger } from "../../core/logger";
import { ConfigError, InputError } from "../../errors";
import { DEFAULT_SITE_FILE } from "../../open-site";
import { openSyncSites, parseSince, parseSyncDoctypes, pullRecords, SYNC_DOCTYPES, SYNC_STATUSES, type SyncReport, type SyncSelection, type SyncSites } from "../../sync-records";
import { hookRegistryFor } from "../hooks-option";
import { parseCount } from "../option-parsers";
import { cellText, renderTable, writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";

/** Options `pull`, `push` and `diff` share. */
export interface SyncCommandOptions {
  local?: string;
  account?: string[];
  since?: string;
  concurrency: number;
}

export const collectValues = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Adds the options every sync command takes. */
export function withSyncOptions(command: Command): Command {
  return command
    .argument("[doctype...]", `DocTypes to sync (default all: ${SYNC_DOCTYPES.join(", ")})`)
    .option("--local <file>", `the local site file (default ${DEFAULT_SITE_FILE} in the working folder)`)
    .option("--account <name>", "only this Email Account, its Email Domain and its mail (repeatable)", collectValues)
    .option("--since <date>", "only mail from this date on (YYYY-MM-DD [HH:MM[:SS]], the site's clock)")
    .option("--concurrency <n>", "requests to the site in flight at once (default 4)", parseCount("--concurrency"), 4);
}

export function selectionFrom(doctypes: string[], options: SyncCommandOptions): SyncSelection {
  return {
    doctypes: parseSyncDoctypes(doctypes),
    ...(options.account ? { accounts: options.account } : {}),
    ...(options.since !== undefined ? { since: parseSince(options.since) } : {}),
  };
}

/**
 * Opens the local site (`--local`) and the site to sync with (`--site`, else FRAPPE_URL), runs
 * `body`, and closes both. The local site gets the `--hooks`; the other site runs its own.
 */
export async function withSyncSites<T>(cli: CliRuntime, command: Command, options: SyncCommandOptions, body: (sites: SyncSites, log: Logger) => Promise<T>): Promise<T> {
  const globals = cli.globals(command);
  const remote = globals.site ?? cli.io.env.FRAPPE_URL;
  if (!remote) throw new ConfigError(`${command.name()} needs the site to sync with: --site URL (or FRAPPE_URL in the environment)`);
  if (options.concurrency < 1) throw new InputError("--concurrency must be at least 1");
  const log = cli.logger(command);
  const hooks = hookRegistryFor(globals.hooks, cli.io.cwd);
  const sites = openSyncSites({ remote, localFile: options.local ?? DEFAULT_SITE_FILE, cwd: cli.io.cwd, env: cli.io.env, hooks, log });
  try {
    return await body(sites, log);
  } finally {
    await sites.close();
  }
}

/** Changed and failed records as a table (unchanged ones only counted), then one summary line. */
export function printSyncReport(cli: CliRuntime, report: SyncReport): void {
  const shown = report.records.filter((record) => record.status !== "unchanged");
  if (shown.length > 0) {
    const rows = shown.map((r) => {
      const detail = r.error ? `${r.error.exc_type}: ${r.error.message}` : [(r.fields ?? []).join(", "), r.note ?? ""].filter((t) => t !== "").join("; ");
      return [r.doctype, r.name, r.remoteName ?? "", r.status, cellText(detail)];
    });
    writeLine(cli.io.stdout, renderTable(["DocType", "Name", "Remote name", "Status", "Fields / error"], rows));
  }
  const counts = SYNC_STATUSES.map((status) => `${report.counts[status]} ${status}`).join(", ");
  const route = report.direction === "pull" ? `${report.remote} -> ${report.local}` : `${report.local} -> ${report.remote}`;
  writeLine(cli.io.stdout, `${report.direction} ${route}: ${counts}${report.dryRun ? " (dry run: nothing was written)" : ""}`);
}

/** Exit code 1 when a record was not synced: a conflict, a refusal or a failure. */
export function syncFailed(report: SyncReport): boolean {
  return report.counts.conflict + report.counts.refused + report.counts.failed > 0;
}

interface PullCommandOptions extends SyncCommandOptions {
  dryRun?: boolean;
  withPasswords?: boolean;
  force?: boolean;
}

export function registerPull(program: Command, cli: CliRuntime): void {
  withSyncOptions(
    program
      .command("pull")
      .description("copy Email Domains, Email Accounts (with IMAP folders), Communications and Unhandled Emails from the site (--site URL or FRAPPE_URL) into the local site file, keeping their names"),
  )
    .option("--dry-run", "check and report what would change; write nothing")
    .option("--with-passwords", "copy passwords too (stored encrypted here; never printed)")
    .option("--force", "overwrite local records changed since the last sync")
    .action(async (doctypes: string[], options: PullCommandOptions, command: Command) => {
      const { json } = cli.globals(command);
      const selection = selectionFrom(doctypes, options);
      await withSyncSites(cli, command, options, async ({ local, remote, ledger }, log) => {
        const report = await pullRecords(remote, local, {
          selection,
          ledger,
          log,
          concurrency: options.concurrency,
          dryRun: options.dryRun === true,
          withPasswords: options.withPasswords === true,
          force: options.force === true,
        });
        if (json) writeJson(cli.io.stdout, report);
        else printSyncReport(cli, report);
        if (syncFailed(report)) cli.exitCode = 1;
      });
    });
}
