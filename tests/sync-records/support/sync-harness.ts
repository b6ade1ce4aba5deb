import path from "node:path";
import type { Logger } from "../../../src/core/logger";
import { openLocalSite } from "../../../src/open-site";
import { createFrappeServer, type FrappeServer, type ListeningServer } from "../../../src/server";
import type { LocalSite } from "../../../src/site/local-site";
import { RemoteSite } from "../../../src/site/remote";
import { ledgerFileFor, SyncLedger } from "../../../src/sync-records";
import { tempDir } from "../../helpers/temp-site";

export const API_KEY = "fea-sync-test-key";
export const API_SECRET = "sync-secret-Never-Shown-4b7d";

/** One request the server answered (requests a fault dropped are not answered, so not here). */
export interface AnsweredRequest {
  method: string;
  path: string;
  status: number;
}

/** A logger that records the server's "request" lines. */
function requestRecorder(requests: AnsweredRequest[]): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: (obj: object, msg?: string) => {
      if (msg === "request") requests.push(obj as AnsweredRequest);
    },
    warn: () => undefined,
    error: () => undefined,
    child: () => logger,
  };
  return logger;
}

export interface SyncHarness {
  dir: string;
  /** The site the Frappe-compatible server serves: the "remote" Frappe site, arranged and inspected directly. */
  served: LocalSite;
  server: FrappeServer;
  url: string;
  /** The connector's view of `served`, over real HTTP. */
  remote: RemoteSite;
  localFile: string;
  /** The embedded site records are pulled into and pushed from. */
  local: LocalSite;
  /** Every request the server answered, in order. */
  requests: AnsweredRequest[];
  /** Requests that write: POST/PUT/DELETE on /api/resource, and POSTed methods other than reads. */
  writes(): AnsweredRequest[];
  /** A fresh ledger read from the local site's ledger file (what a new CLI run would see). */
  ledger(): SyncLedger;
  stop(): Promise<void>;
}

/** Two embedded sites in a temp folder: one served over HTTP as a Frappe site, one local. */
export async function startSyncHarness(): Promise<SyncHarness> {
  const temp = tempDir("fea-sync-");
  const served = openLocalSite({ file: path.join(temp.dir, "remote.sqlite") });
  const requests: AnsweredRequest[] = [];
  const server = createFrappeServer({ site: served, apiKeys: [{ key: API_KEY, secret: API_SECRET }], log: requestRecorder(requests) });
  let listening: ListeningServer;
  try {
    listening = await server.listen(0);
  } catch (err) {
    await served.close();
    temp.cleanup();
    throw err;
  }
  const remote = new RemoteSite({
    url: listening.url,
    credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
    meta: served.meta,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 5_000,
  });
  const localFile = path.join(temp.dir, "local.sqlite");
  const local = openLocalSite({ file: localFile, flags: { noConnect: true } });
  const url = listening.url;
  return {
    dir: temp.dir,
    served,
    server,
    url,
    remote,
    localFile,
    local,
    requests,
    writes: () =>
      requests.filter(
        (r) => (r.path.startsWith("/api/resource/") && r.method !== "GET") || (r.method === "POST" && r.path.startsWith("/api/method/") && r.path !== "/api/method/frappe.client.get_list"),
      ),
    ledger: () => SyncLedger.open(ledgerFileFor(local.label), url),
    stop: async () => {
      await remote.close();
      await listening.close();
      await served.close();
      await local.close();
      temp.cleanup();
    },
  };
}
