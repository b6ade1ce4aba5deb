import { type CronSchedule, nextRun, parseCron } from "./cron";
import type { SchedulerEvent } from "./doc-events";
import type { HookRegistry, RegisteredJob, SchedulerContext } from "./hook-registry";
import type { Logger } from "./logger";

/**
 * When the named scheduler events fire. Frappe's "all" runs on every scheduler tick
 * (`scheduler_interval`, 240 s by default), i.e. every 4 minutes.
 */
export const EVENT_SCHEDULES: Record<Exclude<SchedulerEvent, "cron">, string> = {
  all: "*/4 * * * *",
  hourly: "0 * * * *",
  hourly_long: "0 * * * *",
  daily: "0 0 * * *",
  daily_long: "0 0 * * *",
  weekly: "0 0 * * 0",
  weekly_long: "0 0 * * 0",
  monthly: "0 0 1 * *",
  monthly_long: "0 0 1 * *",
};

interface PlannedJob {
  job: RegisteredJob;
  schedule: CronSchedule;
  due: Date;
  running?: Promise<void>;
}

export interface SchedulerOptions {
  registry: HookRegistry;
  context: Omit<SchedulerContext, "signal">;
  log: Logger;
  now?: () => Date;
}

/**
 * Runs the registry's scheduler_events at their times. A job still running when it is due again
 * is not started twice (Frappe does not enqueue a job that is already queued); a failing job is
 * logged and runs again at its next time.
 */
export class Scheduler {
  private readonly controller = new AbortController();
  private readonly planned: PlannedJob[];
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    const start = this.now();
    this.planned = options.registry.scheduledJobs().map((job) => {
      const schedule = parseCron(job.event === "cron" ? String(job.cron) : EVENT_SCHEDULES[job.event]);
      return { job, schedule, due: nextRun(schedule, start) };
    });
  }

  /** Starts the timer loop. */
  start(): void {
    this.arm();
  }

  /** Starts every job whose time has come (at `at`), and plans its next run. Returns how many started. */
  runDue(at: Date = this.now()): number {
    let started = 0;
    for (const plan of this.planned) {
      if (plan.due.getTime() > at.getTime()) continue;
      plan.due = nextRun(plan.schedule, at);
      if (plan.running) {
        this.options.log.warn({ job: plan.schedule.expression }, "scheduled job still running; this run is skipped");
        continue;
      }
      started += 1;
      plan.running = this.runOne(plan).finally(() => {
        plan.running = undefined;
      });
    }
    return started;
  }

  /** The jobs still running, for tests and shutdown. */
  async idle(): Promise<void> {
    await Promise.all(this.planned.map((plan) => plan.running));
  }

  /** Stops the loop, tells running jobs to stop (their signal aborts) and waits for them. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.controller.abort();
    await this.idle();
  }

  private async runOne(plan: PlannedJob): Promise<void> {
    const ctx: SchedulerContext = { ...this.options.context, signal: this.controller.signal };
    try {
      await plan.job.job(ctx);
    } catch (err) {
      this.options.log.error({ err, event: plan.job.event, cron: plan.job.cron }, "scheduled job failed");
    }
  }

  private arm(): void {
    if (this.controller.signal.aborted || this.planned.length === 0) return;
    const next = Math.min(...this.planned.map((plan) => plan.due.getTime()));
    // Timers drift and sleep; wake at least once a minute to re-check.
    const wait = Math.max(0, Math.min(next - this.now().getTime(), 60_000));
    this.timer = setTimeout(() => {
      this.runDue();
      this.arm();
    }, wait);
  }
}
