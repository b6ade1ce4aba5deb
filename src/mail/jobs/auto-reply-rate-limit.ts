import { formatDatetime } from "../../core/datetime";
import { cstr } from "../../core/doc";
import type { Site } from "../../core/site";
import { addMinutes, parseSiteDatetime } from "./site-datetime";

/** At most one auto-reply per sender and account in this many hours, unless the engine is told otherwise. */
export const DEFAULT_AUTO_REPLY_INTERVAL_HOURS = 24;

/**
 * The RFC 3834 header every auto-reply carries. It is also how an auto-reply is recognised on the
 * Email Queue afterwards: the rate limit needs no new DocType or column, and it survives restarts.
 */
export const AUTO_SUBMITTED_HEADER = { key: "Auto-Submitted", value: "auto-replied" } as const;
const MARKER = `${AUTO_SUBMITTED_HEADER.key}: ${AUTO_SUBMITTED_HEADER.value}`;

/** The earliest time an earlier auto-reply still counts: `now` minus the interval. */
export function autoReplyCutoff(now: Date, intervalHours: number): Date {
  return addMinutes(now, -intervalHours * 60);
}

/**
 * Whether the last auto-reply (its queue row's `creation`) still blocks a new one. An interval of 0
 * (or less) switches the limit off; an unreadable time blocks, to stay on the safe side of a loop.
 */
export function isRateLimited(lastAutoReplyAt: string | undefined, now: Date, intervalHours: number): boolean {
  if (intervalHours <= 0 || lastAutoReplyAt === undefined) return false;
  const last = parseSiteDatetime(lastAutoReplyAt);
  if (!last) return true;
  return last.getTime() > autoReplyCutoff(now, intervalHours).getTime();
}

/** `%` and `_` are LIKE wildcards; the site's LIKE escapes with a backslash. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export interface LastAutoReplyLookup {
  /** The Email Account the auto-replies are sent through (the queue row's `email_account`). */
  sendingAccount: string;
  /** The bare address the auto-reply went to. */
  recipient: string;
  now: Date;
  intervalHours: number;
}

/**
 * The `creation` of the newest auto-reply queued through `sendingAccount` to `recipient` within the
 * interval, whatever became of it (sent, failed, still waiting), or undefined. Reads the Email Queue
 * through the Site interface, so it works on the embedded site and on a Frappe site alike.
 */
export async function lastAutoReplyAt(site: Site, lookup: LastAutoReplyLookup): Promise<string | undefined> {
  if (lookup.intervalHours <= 0) return undefined;
  const rows = await site.getList("Email Queue", {
    fields: ["name", "creation"],
    filters: [
      ["email_account", "=", lookup.sendingAccount],
      ["creation", ">", formatDatetime(autoReplyCutoff(lookup.now, lookup.intervalHours))],
      ["message", "like", `%${likeLiteral(MARKER)}%`],
      ["Email Queue Recipient", "recipient", "=", lookup.recipient],
    ],
    orderBy: "creation desc",
    limit: 1,
  });
  return rows[0] ? cstr(rows[0].creation) : undefined;
}
