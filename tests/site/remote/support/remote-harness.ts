import type { Logger } from "../../../../src/core/logger";
import type { Site } from "../../../../src/core/site";
import { openLocalSite } from "../../../../src/open-site";
import { createFrappeServer, type FrappeServer, type ListeningServer } from "../../../../src/server";
import type { LocalSite } from "../../../../src/site/local-site";
import { RemoteSite, type RemoteSiteOptions } from "../../../../src/site/remote";
import { tempDir } from "../../../helpers/temp-site";

export const API_KEY = "fea-remote-test-key";
/** Distinctive, so a test can search every log line and error for it. */
export const API_SECRET = "s3cr3t-Do-Not-Leak-9f2c71";

/** A logger that keeps every line it is given, as JSON text, bindings included. */
export function capturingLogger(lines: string[] = [], bindings: Record<string, unknown> = {}): Logger & { lines: string[] } {
  const write = (level: string) => (obj: object, msg?: string) => {
    lines.push(JSON.stringify({ level, ...bindings, ...obj, msg }));
  };
  return {
    lines,
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    child: (more) => capturingLogger(lines, { ...bindings, ...more }),
  };
}

/** The local site behind the server, with a count of every Site method the server called: requests that reached it. */
function counting(site: LocalSite): { site: Site; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const proxy = new Proxy(site, {
    get(target, prop, _receiver) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { site: proxy, calls };
}

export interface RemoteHarness {
  /** The embedded site the server serves: to arrange records and to check what landed. */
  local: LocalSite;
  /** Site methods the server ran, by name (insert, save, getList, ...). */
  calls: Record<string, number>;
  server: FrappeServer;
  url: string;
  /** A RemoteSite on the server, with fast retries and a capturing logger. */
  remote: RemoteSite;
  logs: string[];
  /** Another RemoteSite on the same server, with other options. */
  open(options?: Partial<RemoteSiteOptions>): RemoteSite;
  stop(): Promise<void>;
}

/** A local site served over real HTTP by the Frappe-compatible server, and a RemoteSite talking to it. */
export async function startHarness(options: Partial<RemoteSiteOptions> = {}): Promise<RemoteHarness> {
  const temp = tempDir("fea-remote-");
  const local = openLocalSite({ file: temp.file });
  const { site, calls } = counting(local);
  const server = createFrappeServer({ site, apiKeys: [{ key: API_KEY, secret: API_SECRET }] });
  let listening: ListeningServer;
  try {
    listening = await server.listen(0);
  } catch (err) {
    await local.close();
    temp.cleanup();
    throw err;
  }
  const logs: string[] = [];
  const opened: RemoteSite[] = [];
  const open = (more: Partial<RemoteSiteOptions> = {}): RemoteSite => {
    const remote = new RemoteSite({
      url: listening.url,
      credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
      meta: local.meta,
      log: capturingLogger(logs),
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      ...options,
      ...more,
    });
    opened.push(remote);
    return remote;
  };
  const remote = open();
  return {
    local,
    calls,
    server,
    url: listening.url,
    remote,
    logs,
    open,
    stop: async () => {
      for (const site of opened) await site.close();
      await listening.close();
      await local.close();
      temp.cleanup();
    },
  };
}
