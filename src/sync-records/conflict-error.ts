import { TimestampMismatchError } from "../errors";
import type { Direction } from "./pair-records";
import type { SyncBase } from "./sync-ledger";

/**
 * The conflict a copy reports instead of overwriting: the record on the side it would write to
 * was changed since both were last made equal, or the two were never synced and differ. The
 * catalogue's TimestampMismatchError, as a site reports a save carrying a stale `modified`.
 */
export function conflictError(direction: Direction, doctype: string, name: string, where: string, base: SyncBase | undefined, modifiedNow?: string): TimestampMismatchError {
  const options = { doctype, docname: name };
  if (!base) {
    return new TimestampMismatchError(
      `${doctype} ${name} differs between the two sites and was never synced: ${direction} --force overwrites ${direction === "pull" ? "the local copy" : "the site's copy"}, ${direction === "pull" ? "push" : "pull"} --force the other one`,
      options,
    );
  }
  const seen = direction === "pull" ? base.localModified : base.remoteModified;
  const now = modifiedNow ? `modified ${modifiedNow}, ` : "";
  const remedy = direction === "pull" ? "push it first, or pull --force to drop those changes" : "pull it first, or push --force to overwrite it";
  return new TimestampMismatchError(`${doctype} ${name} was changed on ${where} since the last sync (${now}last synced at ${seen}): ${remedy}`, options);
}
