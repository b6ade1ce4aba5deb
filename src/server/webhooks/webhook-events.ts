import type { DocEvent } from "../../core/doc-events";

/** The choices of a Frappe v15 Webhook's "Doc Event" (`webhook_docevent`). */
export const FRAPPE_WEBHOOK_EVENTS = [
  "after_insert",
  "on_update",
  "on_submit",
  "on_cancel",
  "on_trash",
  "on_update_after_submit",
  "on_change",
] as const;

export type FrappeWebhookEvent = (typeof FRAPPE_WEBHOOK_EVENTS)[number];

export function isFrappeWebhookEvent(name: string): name is FrappeWebhookEvent {
  return (FRAPPE_WEBHOOK_EVENTS as readonly string[]).includes(name);
}

/**
 * Which of our doc events a webhook event runs. Four are the same name. Our event list is closed and has no
 * submit events (none of this app's DocTypes is submittable), so submit, cancel and update-after-submit run
 * `on_change`: Frappe runs `on_change` after each of them too, so those handlers would have run there as well.
 */
const DOC_EVENT_FOR: Readonly<Record<FrappeWebhookEvent, DocEvent>> = {
  after_insert: "after_insert",
  on_update: "on_update",
  on_change: "on_change",
  on_trash: "on_trash",
  on_submit: "on_change",
  on_cancel: "on_change",
  on_update_after_submit: "on_change",
};

export function docEventForWebhook(event: FrappeWebhookEvent): DocEvent {
  return DOC_EVENT_FOR[event];
}
