import type { Command } from "commander";
import { InputError } from "../../errors";
import { type AccountReport, type CheckStatus, DEFAULT_CHECK_TIMEOUT_MS, runDoctor } from "../../mail/connect";
import { trustFromEnvironment } from "../../mail/connect/trust-from-env";
import type { TextSink } from "../io";
import { oneLine, writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";

/** `doctor [ACCOUNT]`: checks each account's servers step by step and says what to fix. */

const LABELS: Record<CheckStatus, string> = { ok: "ok", warn: "WARN", fail: "FAIL", skipped: "skip" };

/** `--timeout 5` (seconds, fractions allowed) -> milliseconds. */
function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0 && seconds <= 600)) {
    throw new InputError(`--timeout must be a number of seconds above 0 and at most 600, got "${value}"`);
  }
  return Math.round(seconds * 1000);
}

function count(reports: AccountReport[], status: CheckStatus): number {
  return reports.reduce((sum, report) => sum + report.checks.filter((check) => check.status === status).length, 0);
}

function summary(reports: AccountReport[]): string {
  if (reports.length === 0) return "No Email Accounts to check: run `frappe-email-account seed --domain <your domain>`.";
  const failing = reports.filter((report) => !report.ok).length;
  const warnings = count(reports, "warn");
  const warned = warnings > 0 ? `, ${warnings} warning(s)` : "";
  const accounts = `${reports.length} account${reports.length === 1 ? "" : "s"}`;
  return failing === 0 ? `doctor: ${accounts} checked, no failures${warned}` : `doctor: ${failing} of ${accounts} with failed checks${warned}`;
}

function printAccount(out: TextSink, report: AccountReport): void {
  const failed = report.checks.filter((check) => check.status === "fail").length;
  const verdict = failed === 0 ? "ok" : `${failed} failed`;
  writeLine(out, `${report.account} <${report.email_id}>: ${verdict}`);
  for (const check of report.checks) {
    writeLine(out, `  ${LABELS[check.status].padEnd(4)}  ${check.title}: ${oneLine(check.detail)}`);
    if (check.fix && (check.status === "fail" || check.status === "warn")) writeLine(out, `        fix: ${oneLine(check.fix)}`);
  }
}

export function registerDoctor(program: Command, cli: CliRuntime): void {
  program
    .command("doctor")
    .description(
      "check each Email Account's servers step by step (DNS, TCP, TLS and certificate, login, IMAP folders, SMTP EHLO/STARTTLS/AUTH) and say what to fix; exit code 1 when a check fails",
    )
    .argument("[account]", "only this Email Account, e.g. Support")
    .option("--timeout <seconds>", `deadline for each check step (default ${DEFAULT_CHECK_TIMEOUT_MS / 1000})`, parseSeconds)
    .action(async (account: string | undefined, options: { timeout?: number }, command: Command) => {
      const { json } = cli.globals(command);
      await cli.withSite(command, async (site, log) => {
        const reports = await runDoctor(site, {
          ...(account === undefined ? {} : { account }),
          trust: trustFromEnvironment(cli.io.env),
          ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
          log,
        });
        const ok = reports.every((report) => report.ok);
        if (!ok) cli.exitCode = 1;
        if (json) {
          writeJson(cli.io.stdout, { site: site.label, ok, accounts: reports });
          return;
        }
        writeLine(cli.io.stdout, `Site: ${site.label}`);
        for (const report of reports) {
          writeLine(cli.io.stdout);
          printAccount(cli.io.stdout, report);
        }
        if (reports.length > 0) writeLine(cli.io.stdout);
        writeLine(cli.io.stdout, summary(reports));
      });
    });
}
