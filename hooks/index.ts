import { HookRegistry, type HooksDefinition } from "../src/core/hook-registry";
import { purgeOldLogs } from "../src/jobs/log-cleanup";

/**
 * This app's own hooks, the counterpart of Frappe's hooks.py: plain data mapping event
 * names to functions. Developers add theirs with `registry.register({...})` (see README).
 * The times are Frappe v15's (behaviour reference, section E).
 */
export const APP_HOOKS: HooksDefinition = {
  doc_events: {},
  scheduler_events: {
    // J3: frequency "all" = every scheduler tick (4 minutes).
    all: (ctx) => ctx.mail.flushQueue(ctx.signal),
    cron: {
      // J1: pull every 10 minutes.
      "0/10 * * * *": (ctx) => ctx.mail.pullAll(ctx.signal),
      // J2: unreplied notifications every 15 minutes.
      "0/15 * * * *": (ctx) => ctx.mail.notifyUnreplied(ctx.signal),
      // J5: Log Settings clean-up, daily at 00:45.
      "45 0 * * *": async (ctx) => void (await purgeOldLogs(ctx.site, { now: ctx.now(), log: ctx.log, signal: ctx.signal })),
    },
  },
};

/** A registry holding the app's hooks, ready for a developer's own. */
export function createHookRegistry(): HookRegistry {
  const registry = new HookRegistry();
  registry.register(APP_HOOKS);
  return registry;
}
