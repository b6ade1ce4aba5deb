/** The mail engine's jobs beyond pull and send: auto-replies (S19) and unreplied notifications (J2). */
export { AUTO_REPLY_HEADERS, autoReplyContent, queueAutoReply, type AutoReplyOptions, type AutoReplyOutcome } from "./auto-reply";
export { autoReplySkipReason, isNoReplyAddress, type AutoReplyCandidate } from "./auto-reply-eligibility";
export { AUTO_SUBMITTED_HEADER, autoReplyCutoff, DEFAULT_AUTO_REPLY_INTERVAL_HOURS, isRateLimited, lastAutoReplyAt } from "./auto-reply-rate-limit";
export { defaultAutoReplyHtml } from "./default-auto-reply";
export { ingestWithAutoReply, type IngestWithAutoReplyOptions } from "./ingest-with-auto-reply";
export { isBlankHtml, renderPlaceholders, type RenderedTemplate, type TemplateValues } from "./placeholder-template";
export { notifyUnrepliedCommunications, type UnrepliedAccountReport, type UnrepliedOptions } from "./unreplied-notifications";
export {
  DEFAULT_UNREPLIED_MINUTES,
  inUnrepliedWindow,
  notificationAddresses,
  notificationTargets,
  unrepliedMinutes,
  unrepliedWindow,
  windowFilters,
  type UnrepliedWindow,
} from "./unreplied-window";
