import type { Command } from "commander";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../../core/logger";
import { InputError } from "../../errors";
import { createMailEngine } from "../../mail/engine";
import { allErrors, cursorStoreFor, logProgress, type PullProgress, type PullReport, TerminalProgress } from "../../mail/imap";
import type { FlushResult } from "../../mail/outbound";
import { hookRegistryFor } from "../hooks-option";
import { createCliLogger } from "../logger";
import { parseCount } from "../option-parsers";
import { renderTable, writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";
import { startScheduler } from "./sync-scheduler";

const DEFAULT_SITE_HOST = "frappe-email-account.local";
const DEFAULT_INTERVAL_SECONDS = 60;

interface SyncOptions {
  account?: string[];
  once?: boolean;
  interval: number;
  idle: boolean;
  caFile?: string;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

const HEADERS = ["Account", "Folder", "Mode", "Fetched", "Created", "Duplicate", "Skipped", "Unhandled", "Streamed", "Next UID", "Errors / reason"];

function summaryRows(reports: PullReport[]): unknown[][] {
  return reports.flatMap((report) => {
    if (report.skipped !== undefined) return [[report.account, "", "", "", "", "", "", "", "", "", `not pulled: ${report.skipped}`]];
    const rows: unknown[][] = report.folders.map((f) => [report.account, f.folder, f.mode, f.fetched, f.created, f.duplicate, f.skipped, f.unhandled, f.streamed, f.uidnext, f.errors.join("; ")]);
    if (report.errors.length > 0) rows.push([report.account, "", "", "", "", "", "", "", "", "", report.errors.join("; ")]);
    return rows;
  });
}

/** One line on what the flush after `--once` did; nothing when the queue held nothing to send. */
function flushLine(result: FlushResult): string | undefined {
  if (result.picked === 0 && result.skipped === 0 && !result.aborted && !result.muted) return undefined;
  if (result.muted) return "Email Queue: not sent (mail is muted).";
  const parts = [`${result.sent} sent`, `${result.failed} failed`];
  if (result.skipped > 0) parts.push(`${result.skipped} left for the next flush`);
  return `Email Queue: ${parts.join(", ")}.${result.aborted ? ` ${result.aborted}` : ""}`;
}

/** Stops the run on SIGINT/SIGTERM; returns the function that removes the handlers. */
function stopOnSignals(controller: AbortController, log: Logger): () => void {
  const stop = (signal: NodeJS.Signals) => {
    log.info({ signal }, "stopping: finishing the mail in hand, then closing the connections");
    controller.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  };
}

export function registerSync(program: Command, cli: CliRuntime): void {
  program
    .command("sync")
    .description(
      "pull mail of the incoming Email Accounts into records and send the Email Queue: once (--once: pull, then flush), or continuously " +
        "(IMAP IDLE and polling, plus the scheduled jobs: flush every 4 min, unreplied notifications every 15 min, daily clean-up) until SIGINT/SIGTERM",
    )
    .option("--account <name>", "only this Email Account (repeatable)", collect)
    .option("--once", "pull every eligible account once, send the queued mail once, then stop")
    .option("--interval <seconds>", `poll every N seconds when running continuously (default ${DEFAULT_INTERVAL_SECONDS})`, parseCount("--interval"), DEFAULT_INTERVAL_SECONDS)
    .option("--no-idle", "do not use IMAP IDLE; rely on polling only")
    .option("--ca-file <file>", "extra CA certificate (PEM) to trust for the mail servers, e.g. a self-signed one")
    .action(async (options: SyncOptions, command: Command) => {
      const { json } = cli.globals(command);
      if (options.interval < 1) throw new InputError(`--interval must be at least 1 second, got "${options.interval}"`);
      const ca = options.caFile ? fs.readFileSync(path.resolve(cli.io.cwd, options.caFile)) : undefined;
      // A long-running service: its progress and outcomes are worth seeing, so it logs at info.
      const log = createCliLogger(cli.io.stderr, { verbose: true, json });
      await cli.withSite(command, async (site) => {
        const env = cli.io.env;
        const outbound = { ...(env.FEA_SITE_URL ? { siteUrl: env.FEA_SITE_URL } : {}), ...(env.FEA_SITE_SECRET ? { secret: env.FEA_SITE_SECRET } : {}) };
        // A remote site's cursors go to a state file under this run's FEA_STATE_DIR / XDG_STATE_HOME.
        const cursors = cursorStoreFor(site, { env, log });
        const engine = createMailEngine({ site, log, siteHost: env.FEA_SITE_HOST || DEFAULT_SITE_HOST, outbound, cursors, ...(ca ? { tls: { ca } } : {}) });
        const terminal = (cli.io.stderr as { isTTY?: boolean }).isTTY === true && !json ? new TerminalProgress(cli.io.stderr) : undefined;
        const onProgress: (progress: PullProgress) => void = terminal ? (progress) => terminal.update(progress) : logProgress(log);
        const pullOptions = { ...(options.account ? { accounts: options.account } : {}), onProgress };
        const controller = new AbortController();
        const removeHandlers = stopOnSignals(controller, log);
        try {
          if (!options.once) {
            // The registry the CLI builds for this run: the app's jobs (hooks/index.ts) and the developer's `--hooks`.
            const registry = hookRegistryFor(cli.globals(command).hooks, cli.io.cwd);
            const scheduler = startScheduler({ registry, site, mail: engine, log, env });
            try {
              await engine.runContinuousPull(controller.signal, { pollIntervalMs: options.interval * 1000, idle: options.idle }, pullOptions);
            } finally {
              await scheduler.stop();
              log.info({}, "scheduler stopped");
            }
            return;
          }
          const reports = await engine.pullOnce(controller.signal, pullOptions);
          terminal?.clear();
          const flushed = controller.signal.aborted ? undefined : await engine.flush(controller.signal);
          if (reports.some((report) => allErrors(report).length > 0)) cli.exitCode = 1;
          if (flushed && (flushed.failed > 0 || flushed.aborted)) cli.exitCode = 1;
          if (json) writeJson(cli.io.stdout, { site: site.label, accounts: reports, ...(flushed ? { queue: flushed } : {}) });
          else {
            writeLine(cli.io.stdout, reports.length === 0 ? "No Email Accounts to pull." : renderTable(HEADERS, summaryRows(reports)));
            const line = flushed && flushLine(flushed);
            if (line) writeLine(cli.io.stdout, line);
          }
        } finally {
          removeHandlers();
          await engine.close();
        }
      });
    });
}
