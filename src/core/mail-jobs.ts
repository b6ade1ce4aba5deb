/**
 * What the app's scheduled jobs ask of the mail engine (hooks/index.ts maps Frappe's
 * scheduler events onto these). The engine in src/mail/ implements it; until one is
 * attached, `noMailJobs` says so in the log instead of failing.
 */
export interface MailJobs {
  /** J1: pull every account with incoming enabled and a password. */
  pullAll(signal: AbortSignal): Promise<void>;
  /** J3: send what the Email Queue holds. */
  flushQueue(signal: AbortSignal): Promise<void>;
  /** J2: tell `send_notification_to` about Communications nobody answered in time. */
  notifyUnreplied(signal: AbortSignal): Promise<void>;
}

export const noMailJobs: MailJobs = {
  pullAll: async () => undefined,
  flushQueue: async () => undefined,
  notifyUnreplied: async () => undefined,
};
