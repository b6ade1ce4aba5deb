import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MeasurementResult, MeasurementTask } from "./measurement";

const CHILD = path.join(__dirname, "child.js");

interface RunningChild {
  process: ChildProcess;
  scratchDir: string;
}
const running = new Set<RunningChild>();

export interface ChildOptions {
  /** Write a V8 CPU profile (`--cpu-prof`) of this child into this folder. */
  cpuProfileDir?: string;
}

/**
 * Runs one measurement in a fresh node process and resolves with its answer; rejects when the child exits
 * without one. The parent's own execArgv is not passed on, so a child starts as plain as `node child.js`.
 * The child's TMPDIR is a scratch folder of its own (the pull's site and the ingest's per-mail work folders
 * land there, on the same disk as /tmp), removed here when the child ends, however it ends.
 */
export function runMeasurement(task: MeasurementTask, options: ChildOptions = {}): Promise<MeasurementResult> {
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), `fea-bench-${task.kind}-`));
  const execArgv = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = fork(CHILD, [JSON.stringify(task)], {
    execArgv,
    env: { ...process.env, TMPDIR: scratchDir },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const entry = { process: child, scratchDir };
  running.add(entry);
  return new Promise((resolve, reject) => {
    let result: MeasurementResult | undefined;
    child.on("message", (message) => (result = message as MeasurementResult));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      running.delete(entry);
      fs.rmSync(scratchDir, { recursive: true, force: true });
      if (result && code === 0) resolve(result);
      else reject(new Error(`the ${task.kind} measurement child exited with ${signal ?? code} and no result`));
    });
  });
}

/** Kills the measuring children still running (by their PIDs) and removes their scratch folders, e.g. on Ctrl-C. */
export function killRunningChildren(): void {
  for (const { process: child, scratchDir } of running) {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, "SIGKILL");
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}
