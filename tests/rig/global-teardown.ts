import { currentRigState, stopRig } from "./rig-state";

/** jest globalTeardown of the "rig" project: stops this run's servers by pid and removes the run folder. */
export default async function globalTeardown(): Promise<void> {
  const state = currentRigState();
  if (!state || state.stopped) return;
  const t0 = Date.now();
  await stopRig(state);
  process.stderr.write(`[mail rig] stopped in ${Date.now() - t0} ms\n`);
}
