import type { Site } from "../core/site";
import { compareRecords, type FieldDifference } from "./compare-records";
import { forEachLimited } from "./limited";
import { renameLinks, toLocalNames } from "./link-names";
import { pairRecords, unpaired } from "./pair-records";
import { withheldFields } from "./passwords";
import { listKeys } from "./record-keys";
import { selectionFilters } from "./selection";
import type { SyncDoctype } from "./sync-doctypes";
import { errorEntry, type ErrorEntry } from "./sync-report";
import { DEFAULT_CONCURRENCY, type SyncRunOptions } from "./sync-sites";

/** differs: both sites have the record; only-local / only-remote: one site has it; failed: it could not be read. */
export type DiffState = "differs" | "only-local" | "only-remote" | "failed";

export interface RecordDiff {
  doctype: string;
  /** The local record's name (absent when only the remote site has it). */
  name?: string;
  remoteName?: string;
  state: DiffState;
  /** The fields that differ; Password fields show `(set)` / `(not set)`, never a value. */
  fields: FieldDifference[];
  error?: ErrorEntry;
}

export interface DiffReport {
  remote: string;
  local: string;
  /** Records that differ or that one site lacks, in write order. */
  records: RecordDiff[];
  /** Records both sites hold alike. */
  same: number;
}

async function diffDoctype(local: Site, remote: Site, doctype: SyncDoctype, options: SyncRunOptions): Promise<{ records: RecordDiff[]; same: number }> {
  const localFilters = await selectionFilters(local, doctype, options.selection);
  const remoteFilters = await selectionFilters(remote, doctype, options.selection);
  const localKeys = localFilters === "none" ? [] : await listKeys(local, doctype, localFilters);
  const remoteKeys = remoteFilters === "none" ? [] : await listKeys(remote, doctype, remoteFilters);
  const pairs = pairRecords(doctype, localKeys, remoteKeys, options.ledger, "push");
  const found: Array<RecordDiff | undefined> = new Array(pairs.length);
  await forEachLimited(pairs, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ source, target }, index) => {
    if (!target) {
      found[index] = { doctype, name: source.name, state: "only-local", fields: [] };
      return;
    }
    try {
      const localDoc = await local.get(doctype, source.name);
      const remoteDoc = renameLinks(await remote.get(doctype, target.name), local.meta, toLocalNames(options.ledger));
      const ignore = withheldFields(localDoc, remoteDoc, local.meta.get(doctype));
      const fields = compareRecords(localDoc, remoteDoc, local.meta, { passwords: "presence", ignore });
      if (fields.length > 0) found[index] = { doctype, name: source.name, remoteName: target.name, state: "differs", fields };
    } catch (err) {
      found[index] = { doctype, name: source.name, remoteName: target.name, state: "failed", fields: [], error: errorEntry(err) };
    }
  });
  const records = found.filter((record): record is RecordDiff => record !== undefined);
  const same = pairs.length - records.length;
  for (const key of unpaired(pairs, remoteKeys)) records.push({ doctype, remoteName: key.name, state: "only-remote", fields: [] });
  return { records, same };
}

/**
 * The field-level differences between the selected local records and their remote counterparts
 * (paired as `push` pairs them: the ledger, the name, the Message-ID). Bookkeeping columns, child
 * rows' names and password values are not compared; a Password field differs only when one side
 * stores a secret and the other not. Reads only.
 */
export async function diffRecords(local: Site, remote: Site, options: SyncRunOptions): Promise<DiffReport> {
  const records: RecordDiff[] = [];
  let same = 0;
  for (const doctype of options.selection.doctypes) {
    const result = await diffDoctype(local, remote, doctype, options);
    records.push(...result.records);
    same += result.same;
  }
  return { remote: remote.label, local: local.label, records, same };
}
