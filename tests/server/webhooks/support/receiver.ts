import type { HookRegistry } from "../../../../src/core/hook-registry";
import type { Logger } from "../../../../src/core/logger";
import { openLocalSite } from "../../../../src/open-site";
import { createFrappeServer, type ListeningServer } from "../../../../src/server";
import { AccountChanges, webhookRoutes } from "../../../../src/server/webhooks";
import type { LocalSite } from "../../../../src/site/local-site";
import { tempDir } from "../../../helpers/temp-site";

export const WEBHOOK_SECRET = "s3cret-for-tests";

/** Every line logged, as text, so a test can assert what was (and was not) logged. */
export function recordingLogger(lines: string[], bindings: Record<string, unknown> = {}): Logger {
  const write = (level: string) => (obj: object, msg?: string) => void lines.push(JSON.stringify({ level, ...bindings, ...obj, msg }));
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error"), child: (more) => recordingLogger(lines, { ...bindings, ...more }) };
}

export interface RunningReceiver {
  site: LocalSite;
  changes: AccountChanges;
  logLines: string[];
  /** `${base}/api/webhook/frappe/` + event. */
  urlFor(event: string): string;
  stop(): Promise<void>;
}

/** A local site in a temp folder served over real HTTP with the webhook routes, on an ephemeral port. */
export async function startReceiver(hooks: HookRegistry, options: { secret?: string | undefined } = { secret: WEBHOOK_SECRET }): Promise<RunningReceiver> {
  const temp = tempDir("fea-webhook-");
  const site = openLocalSite({ file: temp.file });
  const logLines: string[] = [];
  const log = recordingLogger(logLines);
  const changes = new AccountChanges({ log });
  let listening: ListeningServer;
  try {
    const routes = webhookRoutes({ site, hooks, secret: options.secret, accountChanges: changes, log });
    listening = await createFrappeServer({ site, apiKeys: [{ key: "k", secret: "api-secret" }], routes, log }).listen(0);
  } catch (err) {
    await site.close();
    temp.cleanup();
    throw err;
  }
  return {
    site,
    changes,
    logLines,
    urlFor: (event) => `${listening.url}/api/webhook/frappe/${event}`,
    stop: async () => {
      await listening.close();
      await site.close();
      temp.cleanup();
    },
  };
}
