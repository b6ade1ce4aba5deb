/** The IMAP puller: cursors per folder, batched fetches, streamed large mails, IDLE. */
export { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from "./backoff";
export { imapClientOptions, imapLoginUser, imapServerSettings, type ImapServerSettings } from "./connection-settings";
export { cursorStoreFor, type CursorStoreChoice } from "./choose-cursor-store";
export type { CursorStore, ImapCursor } from "./cursor-store";
export { DEFAULT_FETCH_LIMITS, type FetchLimits } from "./fetch-plan";
export type { IngestFunction, PullProgress } from "./folder-pull";
export { cursorFileFor, cursorStateDir, FileCursorStore, type FileCursorStoreOptions } from "./file-cursor-store";
export { IdleWatcher, type IdleWatcherOptions } from "./idle-watcher";
export { ImapConnections, type ImapConnectionsOptions } from "./imap-connections";
export { pullAccount, type PullOptions } from "./pull-account";
export { pullSkipReason } from "./pull-eligibility";
export { logProgress, TerminalProgress } from "./pull-progress";
export { allErrors, type FolderPullReport, type PullReport } from "./pull-report";
export { type ContinuousOptions, PullService, type PullServiceOptions } from "./pull-service";
export { SiteCursorStore } from "./site-cursor-store";
