import { formatDatetime } from "../../core/datetime";
import { cint, cstr, type Doc } from "../../core/doc";
import { addMinutes } from "./site-datetime";

/** `unreplied_for_mins or 30`. */
export const DEFAULT_UNREPLIED_MINUTES = 30;

/** N of the account: its `unreplied_for_mins`, or 30 when empty or 0 (Frappe's `or 30`). */
export function unrepliedMinutes(account: Doc): number {
  return cint(account.unreplied_for_mins) || DEFAULT_UNREPLIED_MINUTES;
}

/** The creation times a Communication must lie strictly between: older than N minutes, younger than 3·N. */
export interface UnrepliedWindow {
  /** `creation > after` (now − 3·N). */
  after: Date;
  /** `creation < before` (now − N). */
  before: Date;
}

export function unrepliedWindow(now: Date, minutes: number): UnrepliedWindow {
  return { after: addMinutes(now, -3 * minutes), before: addMinutes(now, -minutes) };
}

/** Whether a creation time lies in the window (both ends excluded, as Frappe's `<` and `>`). */
export function inUnrepliedWindow(creation: Date, window: UnrepliedWindow): boolean {
  return creation.getTime() > window.after.getTime() && creation.getTime() < window.before.getTime();
}

/** The window as the site's filter conditions on `creation`. */
export function windowFilters(window: UnrepliedWindow): Array<[string, string, string]> {
  return [
    ["creation", "<", formatDatetime(window.before)],
    ["creation", ">", formatDatetime(window.after)],
  ];
}

/**
 * The DocTypes whose mail is watched: the IMAP folder rows' Append To (IMAP accounts), else the
 * account's own Append To (POP3). Empty entries are left out (Frappe keeps them in its `in` list,
 * which then also picks up Communications without a reference only to flag them).
 */
export function notificationTargets(account: Doc): string[] {
  const values = cint(account.use_imap)
    ? (Array.isArray(account.imap_folder) ? (account.imap_folder as Doc[]) : []).map((row) => cstr(row.append_to))
    : [cstr(account.append_to)];
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ""))];
}

/** `get_unreplied_notification_emails`: `send_notification_to` split on commas and line breaks, trimmed, empty entries dropped. */
export function notificationAddresses(sendNotificationTo: unknown): string[] {
  return cstr(sendNotificationTo)
    .replace(/,/g, "\n")
    .split("\n")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}
