/** Copying Email Domains, Email Accounts and their mail between the embedded site and a Frappe site: `pull`, `push`, `diff`. */
export { pullRecords, type PullOptions } from "./pull-records";
export { pushRecords, type PushOptions } from "./push-records";
export { diffRecords, type DiffReport, type DiffState, type RecordDiff } from "./diff-records";
export { compareRecords, type CompareOptions, type FieldDifference } from "./compare-records";
export { SyncLedger, ledgerFileFor, type SyncBase } from "./sync-ledger";
export { SYNC_DOCTYPES, parseSyncDoctypes, type SyncDoctype } from "./sync-doctypes";
export { parseSince, selectionFilters, type SyncSelection } from "./selection";
export { SYNC_STATUSES, type SyncOutcome, type SyncReport, type SyncStatus } from "./sync-report";
export { DEFAULT_CONCURRENCY, type DryRunSite, type SyncRunOptions } from "./sync-sites";
export { openSyncSites, type SyncSites, type OpenSyncSitesOptions } from "./open-sync-sites";
