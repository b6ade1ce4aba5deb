import type { Doc } from "../core/doc";
import type { Logger } from "../core/logger";
import type { Site, WriteOptions } from "../core/site";
import type { DryRunResult } from "../site/local-site";
import type { SyncSelection } from "./selection";
import type { SyncLedger } from "./sync-ledger";

/** The local side of a sync: any site that can run records through its lifecycle and roll them back (the embedded LocalSite). */
export interface DryRunSite extends Site {
  dryRun(records: Doc[], options?: WriteOptions): Promise<DryRunResult[]>;
}

/** What `pull`, `push` and `diff` share. */
export interface SyncRunOptions {
  selection: SyncSelection;
  ledger: SyncLedger;
  /** Requests to the remote site in flight at once (reads, and writes on push). Default 4. */
  concurrency?: number;
  log?: Logger;
}

export const DEFAULT_CONCURRENCY = 4;
