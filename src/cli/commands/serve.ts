import type { Command } from "commander";
import { ConfigError, InputError } from "../../errors";
import type { HookRegistry } from "../../core/hook-registry";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import { createFrappeServer, type Route } from "../../server";
import { AccountChanges, WEBHOOK_ROUTE_PATH, WEBHOOK_SECRET_ENV, webhookRoutes, webhookSecretFrom } from "../../server/webhooks";
import { hookRegistryFor } from "../hooks-option";
import { writeJson, writeLine } from "../output";
import type { CliRuntime } from "../runtime";

export const DEFAULT_SERVE_PORT = 8000;
export const DEFAULT_SERVE_HOST = "127.0.0.1";

/** Resolves when the server should stop: Ctrl+C or a SIGTERM. */
export type StopSignal = () => Promise<void>;

export const processStopSignal: StopSignal = () =>
  new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });

export interface ExtraRoutesOptions {
  /** The registry the site was opened with (app hooks plus `--hooks`): the webhook runs its doc_events. */
  hooks: HookRegistry;
  env: Record<string, string | undefined>;
  log: Logger;
  /** Where changed Email Accounts are announced; a mail engine in the same process subscribes to it. */
  accountChanges?: AccountChanges;
}

/**
 * Routes served beside the REST API: the Webhook receiver (`/api/webhook/frappe/<event>`, `auth: "none"`,
 * as it checks Frappe's signature itself). Without FEA_WEBHOOK_SECRET it is there but refuses every call.
 */
export function extraServeRoutes(site: Site, options: ExtraRoutesOptions): Route[] {
  const secret = webhookSecretFrom(options.env);
  if (secret === undefined) options.log.info({ path: WEBHOOK_ROUTE_PATH }, `webhooks refused: set ${WEBHOOK_SECRET_ENV} to accept a Frappe site's Webhook calls`);
  const accountChanges = options.accountChanges ?? new AccountChanges({ log: options.log });
  return webhookRoutes({ site, hooks: options.hooks, secret, accountChanges, log: options.log });
}

/** 0 asks the system for a free port (the URL printed says which). */
function parseServePort(value: string): number {
  const port = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new InputError(`--port must be a port number from 0 to 65535, got "${value}"`);
  return port;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

/**
 * `serve`: the site over Frappe's REST API, so a Frappe client (frappe-js-sdk, our connector) can use it
 * as it would a Frappe site. The API key and secret come from the environment, never the command line,
 * and the secret is never printed.
 */
export function registerServe(program: Command, cli: CliRuntime, untilStopped: StopSignal = processStopSignal): void {
  program
    .command("serve")
    .description("serve the site (--site) over a Frappe-compatible REST API (/api/resource, /api/method); key and secret from FEA_SERVE_API_KEY / FEA_SERVE_API_SECRET; a Frappe Webhook may call /api/webhook/frappe/<doc event>, signed with FEA_WEBHOOK_SECRET")
    .option("--port <n>", `TCP port, 0 for any free one (default ${DEFAULT_SERVE_PORT})`, parseServePort)
    .option("--host <host>", `address to listen on (default ${DEFAULT_SERVE_HOST})`)
    .action(async (options: { port?: number; host?: string }, command: Command) => {
      const { json } = cli.globals(command);
      const key = cli.io.env.FEA_SERVE_API_KEY ?? "";
      const secret = cli.io.env.FEA_SERVE_API_SECRET ?? "";
      if (key === "" || secret === "") {
        throw new ConfigError("serve needs an API key and secret: set FEA_SERVE_API_KEY and FEA_SERVE_API_SECRET (clients send `Authorization: token <key>:<secret>`)");
      }
      const host = options.host ?? DEFAULT_SERVE_HOST;
      await cli.withSite(command, async (site, log) => {
        if (!isLoopback(host)) log.warn({ host }, "serving beyond this machine without TLS: put a TLS proxy in front, the API secret travels in every request");
        // The same hooks module the site was opened with (require caches it): the webhook runs its doc_events.
        const hooks = hookRegistryFor(cli.globals(command).hooks, cli.io.cwd);
        const routes = extraServeRoutes(site, { hooks, env: cli.io.env, log });
        const server = createFrappeServer({ site, apiKeys: [{ key, secret }], log, routes });
        const listening = await server.listen(options.port ?? DEFAULT_SERVE_PORT, host);
        if (json) writeJson(cli.io.stdout, { url: listening.url, site: site.label, api_key: key });
        else writeLine(cli.io.stdout, `Serving ${site.label} at ${listening.url} (API key ${key}); Ctrl+C stops.`);
        try {
          await untilStopped();
        } finally {
          await listening.close();
        }
      });
    });
}
