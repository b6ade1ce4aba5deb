import type { SyncBase } from "./sync-ledger";
import type { Direction } from "./pair-records";

/**
 * When both records are known, whether the copy is written. The ledger's `base` says what both
 * looked like when last made equal; the side written to is the target.
 */
export type CopyDecision = "unchanged" | "write" | "conflict";

/** The base's stamps seen from the direction of the copy. */
function stamps(base: SyncBase, direction: Direction): { source: string; target: string } {
  return direction === "pull" ? { source: base.remoteModified, target: base.localModified } : { source: base.localModified, target: base.remoteModified };
}

/**
 * Neither record changed since they were last made equal: nothing to do, without reading them
 * (a difference left by the local controllers when the copy was made stays as it is).
 */
export function unchangedSinceBase(base: SyncBase | undefined, direction: Direction, sourceModified: string, targetModified: string): boolean {
  if (!base) return false;
  const seen = stamps(base, direction);
  return seen.source === sourceModified && seen.target === targetModified;
}

/**
 * After comparing the two records: equal ones are left alone; a target unchanged since the last
 * sync takes the source's version; a target changed since (or never synced, so its history is
 * unknown) is a conflict, unless `force`.
 */
export function decideCopy(options: { base: SyncBase | undefined; direction: Direction; targetModified: string; equal: boolean; force: boolean }): CopyDecision {
  if (options.equal) return "unchanged";
  if (options.base && stamps(options.base, options.direction).target === options.targetModified) return "write";
  return options.force ? "write" : "conflict";
}
