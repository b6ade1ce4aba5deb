import { HookError } from "../errors";
import { parseCron } from "./cron";
import type { DocumentContext } from "./context";
import type { Doc } from "./doc";
import { type DocEvent, isDocEvent, isSchedulerEvent, type SchedulerEvent } from "./doc-events";
import type { Logger } from "./logger";
import type { MailJobs } from "./mail-jobs";
import type { Site } from "./site";

/** A doc event handler, like a dotted path in hooks.py `doc_events`: gets the document and the event name. */
export type DocEventHandler = (doc: Doc, event: DocEvent, ctx: DocumentContext) => void | Promise<void>;

/** What a scheduled job is handed. */
export interface SchedulerContext {
  readonly site: Site;
  /** The mail engine's jobs (pull, send, unreplied notifications). */
  readonly mail: MailJobs;
  readonly log: Logger;
  now(): Date;
  /** Aborted when the scheduler stops; long jobs should check it. */
  readonly signal: AbortSignal;
}

export type ScheduledJob = (ctx: SchedulerContext) => void | Promise<void>;

type OneOrMany<T> = T | T[];

/** The shape of hooks.py, typed: plain data mapping event names to functions. */
export interface HooksDefinition {
  /** DocType name or `"*"` -> event -> handler(s). */
  doc_events?: Record<string, Partial<Record<DocEvent, OneOrMany<DocEventHandler>>>>;
  scheduler_events?: Partial<Record<Exclude<SchedulerEvent, "cron">, OneOrMany<ScheduledJob>>> & {
    cron?: Record<string, OneOrMany<ScheduledJob>>;
  };
}

export interface RegisteredJob {
  event: SchedulerEvent;
  /** The cron expression, for `cron` jobs. */
  cron?: string;
  job: ScheduledJob;
}

interface DocEventEntry {
  doctype: string;
  event: DocEvent;
  handler: DocEventHandler;
}

function asList<T>(value: OneOrMany<T>): T[] {
  return Array.isArray(value) ? value : [value];
}

function checkFunction(value: unknown, where: string): void {
  if (typeof value !== "function") throw new HookError(`Hook ${where} must be a function, got ${typeof value}`);
}

/**
 * The registry developers extend. Names are a closed list (unknown ones are refused with
 * HookError), handlers run in registration order, and every registration returns a function
 * that takes it back.
 */
export class HookRegistry {
  private docEvents: DocEventEntry[] = [];
  private jobs: RegisteredJob[] = [];

  /** Registers a whole hooks definition; all of it or nothing (names are checked first). */
  register(definition: HooksDefinition): () => void {
    const docEntries: DocEventEntry[] = [];
    for (const [doctype, events] of Object.entries(definition.doc_events ?? {})) {
      for (const [event, handlers] of Object.entries(events ?? {})) {
        if (!isDocEvent(event)) throw new HookError(`Unknown doc event "${event}" for ${doctype}`);
        for (const handler of asList(handlers as OneOrMany<DocEventHandler>)) {
          checkFunction(handler, `doc_events["${doctype}"].${event}`);
          docEntries.push({ doctype, event, handler });
        }
      }
    }
    const jobEntries: RegisteredJob[] = [];
    for (const [event, value] of Object.entries(definition.scheduler_events ?? {})) {
      if (!isSchedulerEvent(event)) throw new HookError(`Unknown scheduler event "${event}"`);
      if (event === "cron") {
        for (const [expression, jobs] of Object.entries(value as Record<string, OneOrMany<ScheduledJob>>)) {
          parseCron(expression);
          for (const job of asList(jobs)) {
            checkFunction(job, `scheduler_events.cron["${expression}"]`);
            jobEntries.push({ event, cron: expression, job });
          }
        }
      } else {
        for (const job of asList(value as OneOrMany<ScheduledJob>)) {
          checkFunction(job, `scheduler_events.${event}`);
          jobEntries.push({ event, job });
        }
      }
    }
    this.docEvents.push(...docEntries);
    this.jobs.push(...jobEntries);
    return () => {
      this.docEvents = this.docEvents.filter((entry) => !docEntries.includes(entry));
      this.jobs = this.jobs.filter((entry) => !jobEntries.includes(entry));
    };
  }

  /** One handler for one DocType (or `"*"`) and event. */
  on(doctype: string, event: DocEvent, handler: DocEventHandler): () => void {
    return this.register({ doc_events: { [doctype]: { [event]: handler } } });
  }

  /** The handlers to run, in Frappe's order: the DocType's own first, then `"*"`, each in registration order. */
  handlersFor(doctype: string, event: DocEvent): DocEventHandler[] {
    const matching = (target: string) =>
      this.docEvents.filter((entry) => entry.doctype === target && entry.event === event).map((entry) => entry.handler);
    return [...matching(doctype), ...(doctype === "*" ? [] : matching("*"))];
  }

  scheduledJobs(): RegisteredJob[] {
    return [...this.jobs];
  }
}
