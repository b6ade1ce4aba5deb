import type { Command } from "commander";
import type { Site } from "../../core/site";
import { seed, type SeedReport } from "../../fixtures";
import { writeLine } from "../output";
import type { CliRuntime } from "../runtime";
import { printStatus } from "./status";

export const DEFAULT_DOMAIN = "example.com";

/** A site on its first run: no Email Domain and no Email Account yet. */
async function isFresh(site: Site): Promise<boolean> {
  return (await site.count("Email Domain")) === 0 && (await site.count("Email Account")) === 0;
}

export function registerStart(program: Command, cli: CliRuntime): void {
  program
    .command("start")
    .description("open the site (created on first use), seed the recommended accounts on the first run, and show their status")
    .option("--domain <domain>", `the mail domain for the first run (default: env FEA_DOMAIN, else ${DEFAULT_DOMAIN})`)
    .action(async (options: { domain?: string }, command: Command) => {
      const { json } = cli.globals(command);
      await cli.withSite(command, async (site) => {
        let report: SeedReport | null = null;
        if (await isFresh(site)) {
          const domain = options.domain ?? (cli.io.env.FEA_DOMAIN || DEFAULT_DOMAIN);
          report = await site.transaction(() => seed(site, { domain }));
          if (!json) writeLine(cli.io.stdout, `First run: seeded ${report.domain} (${report.summary}).`);
        }
        await printStatus(cli, site, json, { seeded: report });
      });
    });
}
