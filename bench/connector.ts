// `npm run bench -- connector [--count 2000] [--concurrency 8] [--latency-ms 0] [--server-workers 1]` (or, compiled,
// `node dist/bench/bench/connector.js ...`): inserts Communications into the Frappe-compatible server
// (a child process over a fresh site) over HTTP, one request at a time, then (on another fresh site)
// through the connector's concurrent per-record path (`insertMany` with `batchSize: 1` over
// kept-alive connections), then (on a third fresh site) through its batched path
// (`frappe.client.insert_many`, `--batch-size` records a request), and prints one JSON line. Per-record server and client CPU go to stderr.
import { type ChildProcess, fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { Doc } from "../src/core/doc";
import { loadMetaRegistry } from "../src/schema/doctype-loader";
import { RemoteSite } from "../src/site/remote";
import { benchMail } from "./connector-mail";
import { BENCH_API_KEY, BENCH_API_SECRET, type ServerMessage } from "./connector-server";

interface ConnectorArgs {
  count: number;
  concurrency: number;
  /** Inserts before the timed part, so both modes run on a warmed-up server and client. */
  warmup: number;
  /** Emulated network round trip added to every answer (0: loopback as it is). */
  latencyMs: number;
  /** Server worker processes sharing the port and the SQLite file, as gunicorn workers share a site (1: one process). */
  serverWorkers: number;
  /** Records per frappe.client.insert_many request in the batched mode (1..200). */
  batchSize: number;
}

function parseArgs(argv: string[]): ConnectorArgs {
  const args: ConnectorArgs = { count: 2000, concurrency: 8, warmup: 50, latencyMs: 0, serverWorkers: 1, batchSize: 100 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value < (flag === "--warmup" || flag === "--latency-ms" ? 0 : 1)) throw new Error(`${flag} needs a whole number`);
    if (flag === "--count") args.count = value;
    else if (flag === "--concurrency") args.concurrency = value;
    else if (flag === "--warmup") args.warmup = value;
    else if (flag === "--latency-ms") args.latencyMs = value;
    else if (flag === "--server-workers") args.serverWorkers = value;
    else if (flag === "--batch-size") args.batchSize = value;
    else throw new Error(`unknown option ${flag} (options: --count N  --concurrency N  --warmup N  --latency-ms N  --server-workers N  --batch-size N)`);
  }
  return args;
}

interface RunningServer {
  url: string;
  stats(): Promise<Extract<ServerMessage, { kind: "stats" }>>;
  stop(): Promise<void>;
}

/** A fresh site and server in a child process. */
function startServer(args: ConnectorArgs): Promise<RunningServer> {
  const child: ChildProcess = fork(path.join(__dirname, "connector-server.js"), ["--latency-ms", String(args.latencyMs), "--workers", String(args.serverWorkers)], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <K extends ServerMessage["kind"]>(kind: K) =>
    new Promise<Extract<ServerMessage, { kind: K }>>((resolve, reject) => {
      const onMessage = (message: ServerMessage) => {
        if (message.kind !== kind) return;
        child.off("message", onMessage);
        resolve(message as Extract<ServerMessage, { kind: K }>);
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`the bench server exited (${code}) before answering`)));
    });
  return next("listening").then(({ url }) => ({
    url,
    stats: () => {
      const answer = next("stats");
      child.send("stats");
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("stop");
      }),
  }));
}

interface ModeResult {
  perSecond: number;
  seconds: number;
  serverInsertMs: number;
  serverCpuMs: number;
  clientCpuMs: number;
}

type Mode = "sequential" | "concurrent" | "batched";

async function measure(mode: Mode, args: ConnectorArgs): Promise<ModeResult> {
  const server = await startServer(args);
  const site = new RemoteSite({ url: server.url, credentials: { apiKey: BENCH_API_KEY, apiSecret: BENCH_API_SECRET }, meta: loadMetaRegistry(), maxSockets: args.concurrency });
  try {
    const warm: Doc[] = Array.from({ length: args.warmup }, (_, i) => benchMail(i, `${mode}-warmup`));
    const docs: Doc[] = Array.from({ length: args.count }, (_, i) => benchMail(i, mode));
    if (mode === "sequential") for (const doc of warm) await site.insert(doc);
    else await site.insertMany(warm, { concurrency: args.concurrency, batchSize: mode === "batched" ? args.batchSize : 1 });
    await server.stats();
    const cpu = process.cpuUsage();
    const started = performance.now();
    if (mode === "sequential") {
      for (const doc of docs) await site.insert(doc);
    } else {
      const outcomes = await site.insertMany(docs, { concurrency: args.concurrency, batchSize: mode === "batched" ? args.batchSize : 1 });
      const failed = outcomes.filter((o) => o.status === "failed");
      if (failed.length > 0) throw new Error(`${failed.length} ${mode} inserts failed: ${(failed[0] as { error: Error }).error.message}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const stats = await server.stats();
    return { perSecond: args.count / seconds, seconds, serverInsertMs: stats.insertMs / stats.inserts, serverCpuMs: stats.cpuMs / stats.inserts, clientCpuMs: (used.user + used.system) / 1000 / args.count };
  } finally {
    await site.close();
    await server.stop();
  }
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  // Other work on the machine's cores skews the figures: say how busy it was.
  process.stderr.write(`load average at start: ${(os.loadavg()[0] ?? 0).toFixed(2)} on ${os.cpus().length} cores\n`);
  const sequential = await measure("sequential", args);
  const concurrent = await measure("concurrent", args);
  const batched = await measure("batched", args);
  const speedup = Math.max(concurrent.perSecond, batched.perSecond) / sequential.perSecond;
  for (const [mode, result] of [["sequential", sequential], ["concurrent", concurrent], ["batched", batched]] as const) {
    process.stderr.write(
      `${mode}: ${round(result.seconds, 2)} s, server insert ${round(result.serverInsertMs, 2)} ms, server CPU ${round(result.serverCpuMs, 2)} ms, client CPU ${round(result.clientCpuMs, 2)} ms per Communication\n`,
    );
  }
  process.stdout.write(
    `${JSON.stringify({ communications: args.count, ...(args.latencyMs > 0 ? { latency_ms: args.latencyMs } : {}),
      ...(args.serverWorkers > 1 ? { server_workers: args.serverWorkers } : {}), sequential_per_s: round(sequential.perSecond), concurrent_per_s: round(concurrent.perSecond),
      batched_per_s: round(batched.perSecond), batch_size: args.batchSize, speedup: round(speedup, 2), target_met: speedup >= 2 })}\n`,
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      process.stderr.write(`bench connector: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    });
}
