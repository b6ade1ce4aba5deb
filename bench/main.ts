import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseBenchArgs } from "./bench-args";
import { killRunningChildren, runMeasurement } from "./child-runner";
import type { MeasurementKind, MeasurementResult } from "./measurement";
import { formatProfileSummary, summarizeProfile } from "./profile-summary";
import { withRig } from "./rig-servers";
import { type SeededFolder, seedFolder } from "./seed-folder";

/** The targets (issue 3, item 7). Printed as met or not; never a reason to fail. */
const PULL_TO_PARSE_TARGET = 0.5;
const PEAK_RSS_TARGET_MB = 250;

const PROFILE_DIR = path.resolve(__dirname, "..", "profiles");

const note = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/**
 * `npm run bench`: starts the rig, and for each size seeds a folder and measures (a) the raw imapflow fetch,
 * (b) mailparser alone and (c) the full pull, each in its own fresh node process. Prints one JSON line per
 * size on stdout (progress goes to stderr). Resolves 0 whether or not the targets are met.
 */
export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(argv);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    return 2;
  }
  const { sizes, runs, profile } = args;
  await withRig(async () => {
    for (const size of sizes) {
      const seeded = await seedFolder(size);
      note(`seeded ${size} mails (${round(seeded.bytes / 2 ** 20, 1)} MiB) into ${seeded.folder} in ${round(seeded.seconds, 2)} s`);
      const measured = {} as Record<MeasurementKind, Run>;
      for (const kind of ["fetch", "parse", "pull"] as const) {
        measured[kind] = await measure(kind, seeded, runs);
        note(`${kind}: ${measured[kind].messages} mails in ${round(measured[kind].seconds, 2)} s, peak RSS ${round(measured[kind].peakRssMb)} MiB`);
      }
      if (profile) await profilePull(seeded);
      process.stdout.write(`${JSON.stringify(resultLine(seeded, measured, runs))}\n`);
    }
  }, killRunningChildren);
  return 0;
}

interface Run extends MeasurementResult {
  rate: number;
  /** The machine's 1-minute load average when the run started: other work on the 2 cores skews the figures. */
  load: number;
}

/** `runs` fresh children; the median run by rate, with the highest peak RSS of all runs. */
async function measure(kind: MeasurementKind, seeded: SeededFolder, runs: number): Promise<Run> {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const load = os.loadavg()[0] ?? 0;
    const result = await runMeasurement({ kind, folder: seeded.folder, maildir: seeded.maildir, uidvalidity: seeded.uidvalidity });
    results.push({ ...result, rate: result.messages / result.seconds, load });
  }
  results.sort((a, b) => a.rate - b.rate);
  const median = results[Math.floor((results.length - 1) / 2)] as Run;
  return { ...median, peakRssMb: Math.max(...results.map((r) => r.peakRssMb)), load: Math.max(...results.map((r) => r.load)) };
}

function resultLine(seeded: SeededFolder, m: Record<MeasurementKind, Run>, runs: number): Record<string, unknown> {
  const ratio = m.pull.rate / m.parse.rate;
  return {
    messages: seeded.messages,
    fetch_msgs_per_s: round(m.fetch.rate),
    parse_msgs_per_s: round(m.parse.rate),
    pull_msgs_per_s: round(m.pull.rate),
    peak_rss_mb: round(m.pull.peakRssMb, 1),
    fetch_peak_rss_mb: round(m.fetch.peakRssMb, 1),
    parse_peak_rss_mb: round(m.parse.peakRssMb, 1),
    pull_to_parse_ratio: round(ratio, 3),
    target_pull_at_least_half_of_parse: ratio >= PULL_TO_PARSE_TARGET,
    target_peak_rss_under_250_mb: m.pull.peakRssMb < PEAK_RSS_TARGET_MB,
    fetch_s: round(m.fetch.seconds, 3),
    parse_s: round(m.parse.seconds, 3),
    parse_read_s: round(m.parse.extra.read_s ?? 0, 3),
    pull_s: round(m.pull.seconds, 3),
    fetched: m.fetch.messages,
    parsed: m.parse.messages,
    pulled: m.pull.messages,
    pull_created: m.pull.extra.created,
    pull_unhandled: m.pull.extra.unhandled,
    pull_errors: m.pull.extra.errors,
    pull_files: m.pull.extra.files,
    site_mb: round(m.pull.extra.site_mb ?? 0, 1),
    avg_message_bytes: round(seeded.bytes / seeded.messages),
    mailbox_mb: round(seeded.bytes / 2 ** 20, 1),
    seed_s: round(seeded.seconds, 2),
    runs,
    load_avg_1m_max: round(Math.max(m.fetch.load, m.parse.load, m.pull.load), 2),
    cores: os.cpus().length,
    node: process.version,
  };
}

/** One more pull under `--cpu-prof`; prints where the time went (the profile file stays for a closer look). */
async function profilePull(seeded: SeededFolder): Promise<void> {
  const dir = path.join(PROFILE_DIR, `pull-${seeded.messages}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const result = await runMeasurement({ kind: "pull", folder: seeded.folder, maildir: seeded.maildir, uidvalidity: seeded.uidvalidity }, { cpuProfileDir: dir });
  const file = fs.readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`--cpu-prof wrote no profile into ${dir}`);
  note(`profiled pull: ${result.messages} mails in ${round(result.seconds, 2)} s (slower than unprofiled); ${path.join(dir, file)}`);
  process.stderr.write(`${formatProfileSummary(summarizeProfile(path.join(dir, file)))}\n`);
}
