import type { HookRegistry } from "../../core/hook-registry";
import { type Logger, silentLogger } from "../../core/logger";
import type { MailContext } from "../../core/mail-context";
import type { Site } from "../../core/site";
import { AuthenticationError, InputError } from "../../errors";
import { frappeErrorReply, plainErrorReply } from "../error-body";
import { messageReply, withMessages } from "../reply";
import type { Reply, RequestContext, Route } from "../types";
import type { AccountChanges } from "./account-changes";
import { runRemoteDocHooks } from "./run-doc-hooks";
import { checkWebhookSignature, WEBHOOK_SECRET_ENV, WEBHOOK_SIGNATURE_HEADER } from "./signature";
import { docEventForWebhook, FRAPPE_WEBHOOK_EVENTS, isFrappeWebhookEvent } from "./webhook-events";
import { webhookDocument } from "./webhook-document";

/** The receiver's address; `:event` is the Webhook's "Doc Event" (on_update, after_insert, ...). */
export const WEBHOOK_ROUTE_PATH = "/api/webhook/frappe/:event";

/** A Frappe Webhook's "Request Method" may be any of these. */
const WEBHOOK_METHODS = ["POST", "PUT", "DELETE"] as const;

export interface WebhookReceiverOptions {
  /** The served site: the `site` of the handlers' DocumentContext. */
  site: Site;
  /** The registry whose `doc_events` run (the app's hooks plus the developer's `--hooks`). */
  hooks: HookRegistry;
  /** The Webhook Secret; without one every call is refused (503), as no call could be told genuine. */
  secret: string | undefined;
  /** Told about every Email Account a webhook reports; a running mail engine subscribes here. */
  accountChanges?: AccountChanges;
  log?: Logger;
  /** The handlers' `ctx.mail`; default: no mail engine attached. */
  mail?: MailContext;
  user?: string;
  now?: () => Date;
}

function notConfiguredReply(): Reply {
  return plainErrorReply(
    503,
    "ConfigError",
    `Webhooks are not accepted: this server has no webhook secret. Set ${WEBHOOK_SECRET_ENV} to the Webhook's secret (Enable Security) and restart serve`,
  );
}

const REFUSED: Record<"missing" | "mismatch", string> = {
  missing: `Webhook call refused: no ${WEBHOOK_SIGNATURE_HEADER} header. Tick Enable Security on the Webhook and give it the secret this server has`,
  mismatch: `Webhook call refused: ${WEBHOOK_SIGNATURE_HEADER} does not match the body. Check that the Webhook's secret is the one this server has`,
};

/**
 * The Webhook receiver: a Frappe site's Webhook DocType calls `/api/webhook/frappe/<doc event>` with the
 * document, signed; the developer's `doc_events` handlers for its DocType and `"*"` then run here. They run
 * after the fact: the remote write is done, so a handler that throws cannot undo it (the call answers with
 * the error, and Frappe records it in its Webhook Request Log).
 */
export function webhookRoutes(options: WebhookReceiverOptions): Route[] {
  const log = (options.log ?? silentLogger).child({ component: "webhook" });

  async function handle(ctx: RequestContext): Promise<Reply> {
    if (options.secret === undefined) return notConfiguredReply();
    // The signature is over the exact bytes, so it is checked before anything reads them as JSON.
    const body = await ctx.readRawBody();
    const check = checkWebhookSignature(options.secret, body, ctx.req.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]);
    if (check !== "valid") {
      log.warn({ path: ctx.path, reason: check }, "webhook call refused");
      return frappeErrorReply(new AuthenticationError(REFUSED[check]));
    }
    const event = ctx.params.event ?? "";
    if (!isFrappeWebhookEvent(event)) {
      throw new InputError(`Unknown webhook event "${event}": the path ends in the Webhook's Doc Event, one of ${FRAPPE_WEBHOOK_EVENTS.join(", ")}`);
    }
    const doc = webhookDocument(body);
    const name = String(doc.name);
    // Told first: the account changed on the remote site whatever a developer's handler makes of it.
    if (doc.doctype === "Email Account") {
      await options.accountChanges?.notify({ name, event, removed: event === "on_trash", at: options.now?.() ?? new Date() });
    }
    const docEvent = docEventForWebhook(event);
    const result = await runRemoteDocHooks(doc, docEvent, {
      site: options.site,
      hooks: options.hooks,
      log,
      ...(options.mail ? { mail: options.mail } : {}),
      ...(options.user ? { user: options.user } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    log.info({ doctype: doc.doctype, name, event, doc_event: docEvent, handlers: result.handlers }, "webhook handled");
    const reply = messageReply({ doctype: doc.doctype, name, event, doc_event: docEvent, handlers: result.handlers });
    return withMessages(reply, result.messages);
  }

  return WEBHOOK_METHODS.map((method) => ({ method, path: WEBHOOK_ROUTE_PATH, auth: "none" as const, handle }));
}
