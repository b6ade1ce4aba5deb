import { HookRegistry, type SchedulerContext } from "../../../src/core/hook-registry";
import { noMailJobs } from "../../../src/core/mail-jobs";
import type { Site } from "../../../src/core/site";
import { SCHEDULER_TICK_ENV, schedulerTickMs, startScheduler } from "../../../src/cli/commands/sync-scheduler";
import { capturingLogger } from "../../controllers/email_account.fixture";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("sync's scheduler", () => {
  test("the test clock's tick comes from FEA_SCHEDULER_TICK_MS; anything but a positive whole number means the real clock", () => {
    expect(schedulerTickMs({ [SCHEDULER_TICK_ENV]: "250" })).toBe(250);
    for (const value of [undefined, "", "0", "-5", "1.5", "soon"]) expect(schedulerTickMs({ [SCHEDULER_TICK_ENV]: value })).toBeUndefined();
  });

  test("on the test clock the registry's jobs run with the mail jobs in their context, and stop() ends them", async () => {
    const registry = new HookRegistry();
    const seen: SchedulerContext[] = [];
    registry.register({ scheduler_events: { all: (ctx) => void seen.push(ctx) } });
    const log = capturingLogger();
    const site = { kind: "local" } as Site;

    // One scheduler minute every 20 ms: "all" (every 4 minutes) about every 80 ms.
    const running = startScheduler({ registry, site, mail: noMailJobs, log, env: { [SCHEDULER_TICK_ENV]: "20" } });
    await sleep(600);
    await running.stop();
    const runs = seen.length;
    await sleep(200);

    expect(runs).toBeGreaterThanOrEqual(3);
    expect(seen).toHaveLength(runs);
    expect(seen[0]?.mail).toBe(noMailJobs);
    expect(seen[0]?.site).toBe(site);
    expect(seen[0]?.signal.aborted).toBe(true);
    // Jobs see the real time, not the fast clock.
    expect(Math.abs((seen[0]?.now().getTime() ?? 0) - Date.now())).toBeLessThan(5_000);
    expect(log.lines.find((line) => line.level === "warn")?.msg).toBe("scheduler started on a test clock: one minute every tick");
  });

  test("on the real clock nothing is due within a second, and it stops cleanly", async () => {
    const registry = new HookRegistry();
    let runs = 0;
    registry.register({ scheduler_events: { cron: { "0 0 1 1 *": () => void (runs += 1) } } });
    const log = capturingLogger();
    const running = startScheduler({ registry, site: {} as Site, mail: noMailJobs, log, env: {} });
    await sleep(50);
    await running.stop();
    expect(runs).toBe(0);
    expect(log.lines.find((line) => line.msg === "scheduler started")?.obj).toEqual({ jobs: ["cron 0 0 1 1 *"] });
  });
});
