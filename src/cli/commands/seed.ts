import type { Command } from "commander";
import { seed, type SeedOptions, type SeedReport, type ServerOption, type TlsMode } from "../../fixtures";
import { parsePort, parseTls } from "../option-parsers";
import { cellText, renderTable, writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";

interface SeedCommandOptions {
  domain: string;
  imapHost?: string;
  imapPort?: number;
  imapTls?: TlsMode;
  smtpHost?: string;
  smtpPort?: number;
  smtpTls?: TlsMode;
  connect?: boolean;
}

function server(host: string | undefined, port: number | undefined, tls: TlsMode | undefined): Partial<ServerOption> {
  return { ...(host === undefined ? {} : { host }), ...(port === undefined ? {} : { port }), ...(tls === undefined ? {} : { tls }) };
}

export function seedOptionsFrom(options: SeedCommandOptions): SeedOptions {
  return {
    domain: options.domain,
    imap: server(options.imapHost, options.imapPort, options.imapTls),
    smtp: server(options.smtpHost, options.smtpPort, options.smtpTls),
    connect: options.connect === true,
  };
}

function differenceText(report: SeedReport["records"][number]): string {
  return report.differences.map((d) => `${d.field}: fixture ${cellText(d.expected)}, stored ${cellText(d.actual)}`).join("; ");
}

/** The report as a table and a summary line. */
export function printSeedReport(cli: CliRuntime, report: SeedReport): void {
  const rows = report.records.map((r) => [r.doctype, r.name, r.status, differenceText(r)]);
  writeLine(cli.io.stdout, renderTable(["DocType", "Name", "Status", "Differences"], rows));
  writeLine(cli.io.stdout, `Seed ${report.domain}: ${report.summary}`);
}

export function registerSeed(program: Command, cli: CliRuntime): void {
  program
    .command("seed")
    .description("create the recommended Email Domain and accounts (info@, support@, lead@, sales@), each awaiting its password; existing records are left as they are")
    .requiredOption("--domain <domain>", "the mail domain, e.g. example.com")
    .option("--imap-host <host>", "incoming (IMAP) server (default imap.<domain>)")
    .option("--imap-port <port>", "incoming port (default 993 with ssl, else 143)", parsePort("--imap-port"))
    .option("--imap-tls <mode>", "ssl | starttls | none (default ssl)", parseTls("--imap-tls"))
    .option("--smtp-host <host>", "outgoing (SMTP) server (default smtp.<domain>)")
    .option("--smtp-port <port>", "outgoing port (default 587 with starttls, 465 with ssl, else 25)", parsePort("--smtp-port"))
    .option("--smtp-tls <mode>", "ssl | starttls | none (default starttls)", parseTls("--smtp-tls"))
    .option("--connect", "let the Email Domain check reach its servers while seeding (off: fixtures are laid down as on install)")
    .action(async (options: SeedCommandOptions, command: Command) => {
      const { json } = cli.globals(command);
      await cli.withSite(command, async (site) => {
        const report = await site.transaction(() => seed(site, seedOptionsFrom(options)));
        if (json) writeJson(cli.io.stdout, report);
        else printSeedReport(cli, report);
      });
    });
}
