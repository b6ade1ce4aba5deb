// The child process of `bench/connector.ts`: a fresh embedded site served by the Frappe-compatible
// server in a process of its own (as a Frappe site is), with one worker process or several sharing
// the port and the SQLite file (as gunicorn workers share a site's database), reporting how long
// its inserts took.
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openLocalSite } from "../src/open-site";
import { createFrappeServer } from "../src/server";

export const BENCH_API_KEY = "bench-connector-key";
export const BENCH_API_SECRET = "bench-connector-secret";
export const BENCH_ACCOUNT = "Support";

type Stats = { kind: "stats"; inserts: number; insertMs: number; cpuMs: number };
/** Messages the parent and this child exchange. */
export type ServerMessage = { kind: "listening"; url: string } | Stats;

function option(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
}

async function prepareSite(file: string): Promise<void> {
  const site = openLocalSite({ file });
  await site.insert({ doctype: "Email Domain", domain_name: "acme.test", email_server: "imap.acme.test", use_imap: 1, use_ssl: 1, smtp_server: "smtp.acme.test", use_tls: 1 });
  await site.insert({ doctype: "Email Account", email_account_name: BENCH_ACCOUNT, email_id: "support@acme.test", domain: "acme.test", awaiting_password: 1, enable_incoming: 1, use_imap: 1, imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX" }] });
  await site.close();
}

/** One server process over `file`; answers "stats" (and resets them) and "stop" from whoever started it. */
async function serve(file: string, latencyMs: number, onStop: () => void): Promise<void> {
  const site = openLocalSite({ file });
  // Time spent in the site's insert (lifecycle and SQLite), per request: what the server cannot overlap.
  let inserts = 0;
  let insertMs = 0;
  const insert = site.insert.bind(site);
  site.insert = async (doc, options) => {
    const started = performance.now();
    try {
      return await insert(doc, options);
    } finally {
      insertMs += performance.now() - started;
      inserts += 1;
    }
  };
  // An emulated network round trip: every answer waits, without blocking the server.
  const faults = latencyMs > 0 ? [{ action: { kind: "delay" as const, ms: latencyMs, when: "after" as const }, times: 1_000_000_000 }] : [];
  const server = createFrappeServer({ site, apiKeys: [{ key: BENCH_API_KEY, secret: BENCH_API_SECRET }], faults });
  const listening = await server.listen(0);
  let cpuAtStart = process.cpuUsage();
  process.on("message", (message: unknown) => {
    if (message === "stats") {
      const cpu = process.cpuUsage(cpuAtStart);
      process.send?.({ kind: "stats", inserts, insertMs, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies Stats);
      inserts = 0;
      insertMs = 0;
      cpuAtStart = process.cpuUsage();
    } else if (message === "stop") {
      void listening
        .close()
        .then(() => site.close())
        .finally(onStop);
    }
  });
  process.send?.({ kind: "listening", url: listening.url } satisfies ServerMessage);
}

/** The primary of several workers: relays "stats" (summed) and "stop" between the bench and them. */
async function superviseWorkers(workers: number, file: string, latencyMs: number, cleanup: () => void): Promise<void> {
  cluster.setupPrimary({ exec: __filename, args: ["--worker", file, "--latency-ms", String(latencyMs)], execArgv: [] });
  const forked = Array.from({ length: workers }, () => cluster.fork());
  const urls = await Promise.all(forked.map((worker) => new Promise<string>((resolve) => worker.once("message", (m: ServerMessage) => resolve(m.kind === "listening" ? m.url : "")))));
  process.on("message", (message: unknown) => {
    if (message === "stats") {
      const answers = forked.map((worker) => new Promise<Stats>((resolve) => worker.once("message", (m: Stats) => resolve(m))));
      for (const worker of forked) worker.send("stats");
      void Promise.all(answers).then((all) =>
        process.send?.({ kind: "stats", inserts: all.reduce((n, s) => n + s.inserts, 0), insertMs: all.reduce((n, s) => n + s.insertMs, 0), cpuMs: all.reduce((n, s) => n + s.cpuMs, 0) } satisfies Stats),
      );
    } else if (message === "stop") {
      let left = forked.length;
      for (const worker of forked) {
        worker.once("exit", () => {
          if (--left === 0) {
            cleanup();
            process.exit(0);
          }
        });
        worker.send("stop");
      }
    }
  });
  // The workers share one port (cluster hands out the same one for listen(0)).
  process.send?.({ kind: "listening", url: urls[0] as string } satisfies ServerMessage);
}

async function start(argv: string[]): Promise<void> {
  const latencyMs = option(argv, "--latency-ms", 0);
  const workerAt = argv.indexOf("--worker");
  if (workerAt >= 0) return serve(argv[workerAt + 1] as string, latencyMs, () => process.exit(0));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fea-bench-connector-"));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, "site.sqlite");
  await prepareSite(file);
  const workers = option(argv, "--workers", 1);
  if (workers <= 1)
    return serve(file, latencyMs, () => {
      cleanup();
      process.exit(0);
    });
  return superviseWorkers(workers, file, latencyMs, cleanup);
}

if (require.main === module) {
  start(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`bench server: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
