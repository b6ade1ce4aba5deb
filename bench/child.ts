import { measureFetch } from "./measure-fetch";
import { measureParse } from "./measure-parse";
import { measurePull } from "./measure-pull";
import { type Measured, type MeasurementResult, type MeasurementTask, parseTask } from "./measurement";

/**
 * Entry point of one measuring child process (forked by child-runner.ts): runs one measurement in a fresh
 * node, so each figure's peak RSS is its own, and answers over the IPC channel.
 */
const MEASURES: Record<MeasurementTask["kind"], (task: MeasurementTask) => Promise<Measured>> = {
  fetch: measureFetch,
  parse: measureParse,
  pull: measurePull,
};

async function run(): Promise<void> {
  const task = parseTask(process.argv[2]);
  const measured = await MEASURES[task.kind](task);
  // maxRSS is in KiB.
  const result: MeasurementResult = { kind: task.kind, ...measured, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  await new Promise<void>((resolve, reject) => process.send?.(result, (err: Error | null) => (err ? reject(err) : resolve())));
}

run().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
