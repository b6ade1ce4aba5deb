import type { HookRegistry } from "../../core/hook-registry";
import type { Logger } from "../../core/logger";
import type { MailJobs } from "../../core/mail-jobs";
import { Scheduler } from "../../core/scheduler";
import type { Site } from "../../core/site";

/**
 * For tests only: with `FEA_SCHEDULER_TICK_MS=N` the scheduler's clock runs one minute every N
 * milliseconds (N=250: the 4-minute flush every second), so a test can watch scheduled jobs run.
 * The jobs themselves still see the real time.
 */
export const SCHEDULER_TICK_ENV = "FEA_SCHEDULER_TICK_MS";

export interface RunningScheduler {
  /** Stops the timer, aborts the running jobs' signal and waits for them. */
  stop(): Promise<void>;
}

export interface SchedulerStart {
  registry: HookRegistry;
  site: Site;
  mail: MailJobs;
  log: Logger;
  env: Record<string, string | undefined>;
}

/** The tick of the test clock from the environment, or undefined for the real clock. */
export function schedulerTickMs(env: Record<string, string | undefined>): number | undefined {
  const text = env[SCHEDULER_TICK_ENV];
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Runs the registry's scheduler_events (the app's J1/J2/J3/J5 and a developer's own) with the mail
 * engine in their context, until stopped.
 */
export function startScheduler(options: SchedulerStart): RunningScheduler {
  const log = options.log.child({ component: "scheduler" });
  const context = { site: options.site, mail: options.mail, log: options.log, now: () => new Date() };
  const tick = schedulerTickMs(options.env);
  const jobs = options.registry.scheduledJobs().map((job) => (job.event === "cron" ? `cron ${String(job.cron)}` : job.event));
  if (tick === undefined) {
    const scheduler = new Scheduler({ registry: options.registry, context, log });
    scheduler.start();
    log.info({ jobs }, "scheduler started");
    return { stop: () => scheduler.stop() };
  }
  const started = Date.now();
  const clock = () => new Date(started + (Date.now() - started) * (60_000 / tick));
  const scheduler = new Scheduler({ registry: options.registry, context, log, now: clock });
  const timer = setInterval(() => scheduler.runDue(), Math.max(1, Math.floor(tick / 4)));
  log.warn({ jobs, [SCHEDULER_TICK_ENV]: tick }, "scheduler started on a test clock: one minute every tick");
  return {
    stop: async () => {
      clearInterval(timer);
      await scheduler.stop();
    },
  };
}
