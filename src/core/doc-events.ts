/** Frappe's document event names, in the order a lifecycle can run them. A closed list: anything else is refused. */
export const DOC_EVENTS = [
  "before_insert",
  "before_naming",
  "autoname",
  "before_validate",
  "validate",
  "before_save",
  "after_insert",
  "on_update",
  "on_change",
  "on_trash",
  "after_delete",
] as const;

export type DocEvent = (typeof DOC_EVENTS)[number];

export function isDocEvent(name: string): name is DocEvent {
  return (DOC_EVENTS as readonly string[]).includes(name);
}

/** Frappe's scheduler event names (hooks.py `scheduler_events`); `cron` maps expressions to jobs. */
export const SCHEDULER_EVENTS = [
  "all",
  "hourly",
  "daily",
  "weekly",
  "monthly",
  "hourly_long",
  "daily_long",
  "weekly_long",
  "monthly_long",
  "cron",
] as const;

export type SchedulerEvent = (typeof SCHEDULER_EVENTS)[number];

export function isSchedulerEvent(name: string): name is SchedulerEvent {
  return (SCHEDULER_EVENTS as readonly string[]).includes(name);
}
