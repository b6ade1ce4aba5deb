/** The public API of frappe-email-account as a library. */
export { openLocalSite, DEFAULT_SITE_FILE, type OpenLocalSiteOptions } from "./open-site";
export { createHookRegistry, APP_HOOKS } from "../hooks";
export { CONTROLLERS, CONTROLLER_METHODS } from "../controllers";
export {
  HookRegistry,
  type HooksDefinition,
  type DocEventHandler,
  type ScheduledJob,
  type SchedulerContext,
  type RegisteredJob,
} from "./core/hook-registry";
export { DOC_EVENTS, SCHEDULER_EVENTS, type DocEvent, type SchedulerEvent } from "./core/doc-events";
export { Controller, type ControllerClass } from "./core/controller";
export type { DocumentContext, RunFlags } from "./core/context";
export type { Doc } from "./core/doc";
export type { DocField, DocTypeMeta } from "./core/meta";
export { MetaRegistry } from "./core/meta-registry";
export type { Site, ListArgs, Filters, WriteOptions, WriteResult, SiteMessage, MethodTable } from "./core/site";
export type { MailContext, IncomingLoginTest, OutgoingLoginTest, DomainProbe, ConnectionTestResult } from "./core/mail-context";
export { notConfiguredMail } from "./core/mail-context";
export type { Logger } from "./core/logger";
export { LocalSite, type DryRunResult } from "./site/local-site";
export * from "./errors";
export { createMailContext, runDoctor } from "./mail/connect";
export { createMailEngine, type MailEngine } from "./mail/engine";
export { ingestMessage } from "./mail/inbound";
export { queueEmail, flushQueue, TransportPool } from "./mail/outbound";
export { pullAccount, ImapConnections } from "./mail/imap";
export { RemoteSite, openRemoteSite } from "./site/remote";
export { createFrappeServer } from "./server";
export { Scheduler } from "./core/scheduler";
export type { MailJobs } from "./core/mail-jobs";
