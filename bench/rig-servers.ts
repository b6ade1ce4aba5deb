import globalSetup from "../tests/rig/global-setup";
import globalTeardown from "../tests/rig/global-teardown";

/**
 * Runs `body` with the test rig's Dovecot + Postfix up, using the rig's own jest setup and teardown as plain
 * functions: setup starts the servers on free loopback ports and publishes them for `rig()` (also to child
 * processes, through the environment); teardown stops them by PID. Teardown runs on success, on failure, and
 * on SIGINT/SIGTERM (after `onSignal` has stopped the caller's own children).
 */
export async function withRig<T>(body: () => Promise<T>, onSignal: () => void = () => undefined): Promise<T> {
  await globalSetup();
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= globalTeardown());
  const interrupted = (signal: NodeJS.Signals) => {
    process.stderr.write(`\nbench: ${signal}, stopping the servers\n`);
    onSignal();
    void stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    return await body();
  } finally {
    await stop();
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  }
}
