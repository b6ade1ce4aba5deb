import { HookError } from "../errors";

/** A parsed five-field cron expression (minute hour day-of-month month day-of-week), as Frappe's scheduler reads them. */
export interface CronSchedule {
  readonly expression: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
  /** Whether day-of-month / day-of-week were restricted (cron matches either when both are). */
  readonly daysRestricted: boolean;
  readonly weekdaysRestricted: boolean;
}

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

function invalid(expression: string, why: string): HookError {
  return new HookError(`Invalid cron expression "${expression}": ${why}`);
}

function parseNumber(text: string, expression: string, field: (typeof FIELDS)[number]): number {
  if (!/^\d+$/.test(text)) throw invalid(expression, `"${text}" is not a number in the ${field.name} field`);
  const value = Number(text);
  if (value < field.min || value > field.max) {
    throw invalid(expression, `${value} is outside ${field.min}-${field.max} in the ${field.name} field`);
  }
  return value;
}

function parseStep(text: string, expression: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw invalid(expression, `"/${text}" is not a valid step`);
  return Number(text);
}

/** One field: `*`, `n`, `a-b`, each optionally `/step` (`0/10` = from 0 every 10, as Frappe writes it), comma-separated. */
function parseField(text: string, expression: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : parseStep(stepText, expression);
    let start: number;
    let end: number;
    if (range === "*") [start, end] = [field.min, field.max];
    else if (range.includes("-")) {
      const [a = "", b = ""] = range.split("-");
      [start, end] = [parseNumber(a, expression, field), parseNumber(b, expression, field)];
      if (start > end) throw invalid(expression, `the range ${range} runs backwards`);
    } else {
      start = parseNumber(range, expression, field);
      end = stepText === undefined ? start : field.max;
    }
    for (let value = start; value <= end; value += step) values.add(value);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw invalid(expression, 'expected five fields like "0/10 * * * *"');
  const [minutes, hours, days, months, weekdays] = parts.map((part, i) => parseField(part, expression, FIELDS[i] as (typeof FIELDS)[number]));
  // Sunday may be written 0 or 7.
  if (weekdays?.has(7)) weekdays.add(0);
  return {
    expression,
    minutes: minutes as Set<number>,
    hours: hours as Set<number>,
    days: days as Set<number>,
    months: months as Set<number>,
    weekdays: weekdays as Set<number>,
    daysRestricted: parts[2] !== "*",
    weekdaysRestricted: parts[4] !== "*",
  };
}

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  const byDay = schedule.days.has(date.getDate());
  const byWeekday = schedule.weekdays.has(date.getDay());
  if (schedule.daysRestricted && schedule.weekdaysRestricted) return byDay || byWeekday;
  return byDay && byWeekday;
}

/** The first minute strictly after `after` (local time) that the schedule matches. */
export function nextRun(schedule: CronSchedule, after: Date): Date {
  const date = new Date(after.getTime());
  date.setSeconds(0, 0);
  date.setMinutes(date.getMinutes() + 1);
  // Five years of minutes is far more than any valid expression needs (Feb 29 on a Monday, at worst).
  const limit = after.getTime() + 5 * 366 * 24 * 3600 * 1000;
  while (date.getTime() <= limit) {
    if (!schedule.months.has(date.getMonth() + 1)) {
      date.setMonth(date.getMonth() + 1, 1);
      date.setHours(0, 0, 0, 0);
    } else if (!dayMatches(schedule, date)) {
      date.setDate(date.getDate() + 1);
      date.setHours(0, 0, 0, 0);
    } else if (!schedule.hours.has(date.getHours())) {
      date.setHours(date.getHours() + 1, 0, 0, 0);
    } else if (!schedule.minutes.has(date.getMinutes())) {
      date.setMinutes(date.getMinutes() + 1, 0, 0);
    } else {
      return date;
    }
  }
  throw invalid(schedule.expression, "it never matches a real date");
}
