import fs from "node:fs";
import type { ProxyShim } from "./proxy-shim";
import { killNow, stopPid } from "./process-control";

/** What teardown needs from setup. Jest runs both in its parent process, so a global carries it across. */
export interface RigState {
  runDir: string;
  pids: number[];
  shims: ProxyShim[];
  stopped: boolean;
}

const STATE_KEY = "__feaMailRigState";
type WithState = typeof globalThis & { [STATE_KEY]?: RigState };

export function newRigState(runDir: string): RigState {
  const state: RigState = { runDir, pids: [], shims: [], stopped: false };
  (globalThis as WithState)[STATE_KEY] = state;
  // Last resort if jest exits without teardown (setup failed half-way, a crash): no server outlives the run.
  process.once("exit", () => {
    if (state.stopped) return;
    for (const pid of state.pids) killNow(pid);
  });
  return state;
}

export function currentRigState(): RigState | undefined {
  return (globalThis as WithState)[STATE_KEY];
}

/** Closes the shims, stops the servers by pid (TERM, then KILL after graceMs) and removes the run folder. */
export async function stopRig(state: RigState, graceMs = 10_000): Promise<void> {
  await Promise.all(state.shims.map((shim) => shim.close()));
  await Promise.all(state.pids.map((pid) => stopPid(pid, graceMs)));
  state.stopped = true;
  // FEA_MAIL_RIG_KEEP=1 keeps the folder (logs, mail) for a look after the run; the next setup removes it.
  if (process.env.FEA_MAIL_RIG_KEEP !== "1") fs.rmSync(state.runDir, { recursive: true, force: true });
}
