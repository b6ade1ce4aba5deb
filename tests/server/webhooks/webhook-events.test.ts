import { DOC_EVENTS } from "../../../src/core/doc-events";
import { docEventForWebhook, FRAPPE_WEBHOOK_EVENTS, isFrappeWebhookEvent } from "../../../src/server/webhooks";

/** Frappe's Webhook "Doc Event" choices and the doc event each runs here (src/server/webhooks/webhook-events.ts). */

test("the events are Frappe v15's webhook_docevent options, in its order", () => {
  expect(FRAPPE_WEBHOOK_EVENTS).toEqual(["after_insert", "on_update", "on_submit", "on_cancel", "on_trash", "on_update_after_submit", "on_change"]);
  expect(isFrappeWebhookEvent("on_update")).toBe(true);
  expect(isFrappeWebhookEvent("validate")).toBe(false);
  expect(isFrappeWebhookEvent("On_Update")).toBe(false);
});

test("same-named events map to themselves; the submit events to on_change; every target is one of our doc events", () => {
  const mapping = Object.fromEntries(FRAPPE_WEBHOOK_EVENTS.map((event) => [event, docEventForWebhook(event)]));
  expect(mapping).toEqual({
    after_insert: "after_insert",
    on_update: "on_update",
    on_submit: "on_change",
    on_cancel: "on_change",
    on_trash: "on_trash",
    on_update_after_submit: "on_change",
    on_change: "on_change",
  });
  for (const target of Object.values(mapping)) expect(DOC_EVENTS).toContain(target);
});
