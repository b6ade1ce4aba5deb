import { HookRegistry, type SchedulerContext } from "../../src/core/hook-registry";
import { silentLogger } from "../../src/core/logger";
import { noMailJobs } from "../../src/core/mail-jobs";
import { Scheduler } from "../../src/core/scheduler";
import type { Site } from "../../src/core/site";

function schedulerAt(registry: HookRegistry, start: string, log = silentLogger) {
  let now = new Date(start);
  const scheduler = new Scheduler({
    registry,
    context: { site: {} as Site, mail: noMailJobs, log, now: () => now },
    log,
    now: () => now,
  });
  return { scheduler, setNow: (text: string) => (now = new Date(text)) };
}

describe("Scheduler", () => {
  test("runs each job when its time comes, and not before", async () => {
    const registry = new HookRegistry();
    const runs: string[] = [];
    registry.register({
      scheduler_events: { all: () => void runs.push("all"), cron: { "0/10 * * * *": () => void runs.push("pull") } },
    });
    const { scheduler, setNow } = schedulerAt(registry, "2026-11-27T10:01:00");
    expect(scheduler.runDue(new Date("2026-11-27T10:03:00"))).toBe(0);
    setNow("2026-11-27T10:04:00");
    expect(scheduler.runDue()).toBe(1);
    await scheduler.idle();
    expect(runs).toEqual(["all"]);
    // At 10:10 the pull is due, and so is "all" again (10:08).
    setNow("2026-11-27T10:10:00");
    expect(scheduler.runDue()).toBe(2);
    await scheduler.idle();
    expect(runs).toEqual(["all", "all", "pull"]);
    await scheduler.stop();
  });

  test("a job still running when due again is not started twice; a failing job is logged and runs again later", async () => {
    const registry = new HookRegistry();
    let release: () => void = () => undefined;
    let starts = 0;
    let failures = 0;
    registry.register({
      scheduler_events: {
        all: () => {
          starts += 1;
          return new Promise<void>((resolve) => (release = resolve));
        },
        hourly: () => {
          failures += 1;
          throw new Error("boom");
        },
      },
    });
    const errors: unknown[] = [];
    const log = { ...silentLogger, error: (obj: object) => void errors.push(obj), warn: () => undefined };
    const { scheduler, setNow } = schedulerAt(registry, "2026-11-27T09:59:00", log);
    setNow("2026-11-27T10:00:00");
    scheduler.runDue();
    setNow("2026-11-27T10:04:00");
    scheduler.runDue();
    expect(starts).toBe(1);
    release();
    await scheduler.idle();
    setNow("2026-11-27T11:00:00");
    scheduler.runDue();
    release();
    await scheduler.idle();
    expect(starts).toBe(2);
    expect(failures).toBe(2);
    expect(errors).toHaveLength(2);
    await scheduler.stop();
  });

  test("stop() aborts the signal the running jobs were given and waits for them", async () => {
    const registry = new HookRegistry();
    let seen: SchedulerContext | undefined;
    let finished = false;
    registry.register({
      scheduler_events: {
        all: async (ctx) => {
          seen = ctx;
          await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
          finished = true;
        },
      },
    });
    const { scheduler, setNow } = schedulerAt(registry, "2026-11-27T10:03:00");
    setNow("2026-11-27T10:04:00");
    scheduler.runDue();
    expect(seen?.signal.aborted).toBe(false);
    await scheduler.stop();
    expect(seen?.signal.aborted).toBe(true);
    expect(finished).toBe(true);
  });
});
