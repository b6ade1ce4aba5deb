import type { MailContext } from "../../../src/core/mail-context";
import { openLocalSite } from "../../../src/open-site";
import { createFrappeServer } from "../../../src/server";
import type { Fault, FrappeServer, FrappeServerOptions, ListeningServer } from "../../../src/server";
import type { LocalSite } from "../../../src/site/local-site";
import { tempDir } from "../../helpers/temp-site";

export const API_KEY = "61d3e058c32bd37";
export const API_SECRET = "test-secret-4f1e9a";
export const TOKEN_HEADER = `token ${API_KEY}:${API_SECRET}`;

export interface RunningServer {
  site: LocalSite;
  server: FrappeServer;
  listening: ListeningServer;
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** A fresh local site in a temp folder, served over real HTTP on an ephemeral port. */
export async function startServer(
  options: { mail?: MailContext; faults?: Fault[]; seed?: (site: LocalSite) => Promise<void>; server?: Partial<FrappeServerOptions> } = {},
): Promise<RunningServer> {
  const temp = tempDir("fea-server-");
  const site = openLocalSite({ file: temp.file, ...(options.mail ? { mail: options.mail } : {}) });
  try {
    if (options.seed) await options.seed(site);
    const server = createFrappeServer({ site, apiKeys: [{ key: API_KEY, secret: API_SECRET }], faults: options.faults ?? [], ...options.server });
    const listening = await server.listen(0);
    return {
      site,
      server,
      listening,
      url: listening.url,
      dir: temp.dir,
      stop: async () => {
        await listening.close();
        await site.close();
        temp.cleanup();
      },
    };
  } catch (err) {
    await site.close();
    temp.cleanup();
    throw err;
  }
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** One request with fetch; the body is parsed as JSON when it is JSON. */
export async function call(
  url: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer | URLSearchParams; json?: unknown; auth?: boolean } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...(options.auth === false ? {} : { Authorization: TOKEN_HEADER }), ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** `_server_messages` decoded: the list of message objects. */
export function serverMessages(body: unknown): Array<Record<string, unknown>> {
  const raw = (body as { _server_messages?: string })._server_messages;
  if (raw === undefined) return [];
  return (JSON.parse(raw) as string[]).map((m) => JSON.parse(m) as Record<string, unknown>);
}
