/** The Webhook receiver of `serve`: a Frappe site's Webhook DocType calls us on document events. */
export {
  type AccountChange,
  type AccountChangeListener,
  AccountChanges,
  type AccountReloader,
  RECENT_ACCOUNT_CHANGES,
  reloadAccountsOnChange,
} from "./account-changes";
export { runRemoteDocHooks, type DocHookRun } from "./run-doc-hooks";
export {
  checkWebhookSignature,
  frappeWebhookSignature,
  type SignatureCheck,
  WEBHOOK_SECRET_ENV,
  WEBHOOK_SIGNATURE_HEADER,
  webhookSecretFrom,
} from "./signature";
export { webhookDocument } from "./webhook-document";
export { docEventForWebhook, FRAPPE_WEBHOOK_EVENTS, type FrappeWebhookEvent, isFrappeWebhookEvent } from "./webhook-events";
export { WEBHOOK_ROUTE_PATH, type WebhookReceiverOptions, webhookRoutes } from "./webhook-routes";
