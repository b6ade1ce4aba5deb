import type { DocumentContext, RunFlags } from "../../core/context";
import type { Doc } from "../../core/doc";
import type { DocEvent } from "../../core/doc-events";
import type { HookRegistry } from "../../core/hook-registry";
import type { Logger } from "../../core/logger";
import { type MailContext, notConfiguredMail } from "../../core/mail-context";
import type { Site, SiteMessage } from "../../core/site";

export interface DocHookRun {
  site: Site;
  hooks: HookRegistry;
  log: Logger;
  mail?: MailContext;
  /** The session user handlers see; default Administrator, as the CLI's own writes. */
  user?: string;
  flags?: RunFlags;
  now?: () => Date;
}

/**
 * Runs the registered `doc_events` handlers for a document a remote site reported: the DocType's own first,
 * then `"*"`, in registration order, stopping at the first that throws (as the lifecycle does). There is no
 * controller method and no transaction around them: the write already happened on the remote site.
 * Returns how many handlers ran and what they showed with `msgprint`.
 */
export async function runRemoteDocHooks(doc: Doc, event: DocEvent, run: DocHookRun): Promise<{ handlers: number; messages: SiteMessage[] }> {
  const messages: SiteMessage[] = [];
  const ctx: DocumentContext = {
    site: run.site,
    meta: run.site.meta,
    mail: run.mail ?? notConfiguredMail,
    log: run.log.child({ doctype: doc.doctype, webhook: true }),
    flags: { ...run.flags },
    user: run.user ?? "Administrator",
    now: run.now ?? (() => new Date()),
    msgprint: (message, extra = {}) => messages.push({ message, ...extra }),
  };
  const handlers = run.hooks.handlersFor(doc.doctype, event);
  for (const handler of handlers) await handler(doc, event, ctx);
  return { handlers: handlers.length, messages };
}
