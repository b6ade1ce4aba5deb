import type { Command } from "commander";
import type { Logger } from "../core/logger";
import { hookRegistryFor } from "./hooks-option";
import type { CliIo } from "./io";
import { createCliLogger } from "./logger";
import { type CliSite, openSiteFromOption } from "./site-option";

/** The options every command takes (declared once, on the program). */
export interface GlobalOptions {
  site?: string;
  json: boolean;
  hooks?: string;
  verbose: boolean;
}

/** What a command's action gets: the streams, the global options, and a site opened on demand. */
export class CliRuntime {
  /** Set to 1 by a command that ran but found a problem (e.g. `validate` with an invalid record). */
  exitCode = 0;

  constructor(readonly io: CliIo) {}

  globals(command: Command): GlobalOptions {
    const all = command.optsWithGlobals<Partial<GlobalOptions>>();
    return {
      ...(all.site === undefined ? {} : { site: all.site }),
      ...(all.hooks === undefined ? {} : { hooks: all.hooks }),
      json: all.json === true,
      verbose: all.verbose === true,
    };
  }

  logger(command: Command): Logger {
    const { verbose, json } = this.globals(command);
    return createCliLogger(this.io.stderr, { verbose, json });
  }

  /** Opens the `--site` site with the `--hooks` registered, runs `body`, and always closes it. */
  async withSite<T>(command: Command, body: (site: CliSite, log: Logger) => Promise<T>): Promise<T> {
    const options = this.globals(command);
    const log = this.logger(command);
    const hooks = hookRegistryFor(options.hooks, this.io.cwd);
    const site = openSiteFromOption({ site: options.site, cwd: this.io.cwd, hooks, log, env: this.io.env, ...(options.hooks ? { hooksOption: options.hooks } : {}) });
    try {
      return await body(site, log);
    } finally {
      await site.close();
    }
  }
}
