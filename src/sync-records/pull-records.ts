import type { Doc } from "../core/doc";
import { silentLogger } from "../core/logger";
import type { Site, WriteOptions } from "../core/site";
import { compareRecords } from "./compare-records";
import { decideCopy, unchangedSinceBase } from "./decide-copy";
import { forEachLimited } from "./limited";
import { renameLinks, toLocalNames } from "./link-names";
import { pairRecords, type RecordPair } from "./pair-records";
import { AWAITING_PASSWORD_FIELD, hasSecret, passwordFields, passwordWithheld, readSecret, withheldFields } from "./passwords";
import { pullPayload } from "./payload";
import { conflictError } from "./conflict-error";
import { listKeys, lookupKeys, messageIdOf } from "./record-keys";
import { restoreCopiedValues } from "./restore-copied-values";
import { selectionFilters } from "./selection";
import type { SyncDoctype } from "./sync-doctypes";
import { countStatuses, errorEntry, type SyncOutcome, type SyncReport } from "./sync-report";
import { DEFAULT_CONCURRENCY, type DryRunSite, type SyncRunOptions } from "./sync-sites";

export interface PullOptions extends SyncRunOptions {
  /** Decide and validate (through the local lifecycle, rolled back) without writing. */
  dryRun?: boolean;
  /** Copy Password fields too (read with `getPassword`, stored encrypted here). */
  withPasswords?: boolean;
  /** Overwrite local records changed since the last sync. */
  force?: boolean;
}

/** Local writes of copied records: names kept, no live logins, links not checked (the site they come from checked them; this site holds only a part of its records). */
const WRITE_OPTIONS: WriteOptions = { keepName: true, noConnect: true, ignoreLinks: true };

interface PlannedWrite {
  /** Position among the DocType's records: writes keep the site's order. */
  index: number;
  outcome: SyncOutcome;
  remote: Doc;
  local?: Doc;
}

/** Which secrets differ, when both sides store one (read in memory, compared, dropped). */
async function differentSecrets(remote: Site, local: Site, remoteDoc: Doc, localDoc: Doc, fields: string[]): Promise<string[]> {
  const differing: string[] = [];
  for (const field of fields) {
    if (!hasSecret(remoteDoc, field) || !hasSecret(localDoc, field)) continue;
    const [theirs, ours] = [await readSecret(remote, remoteDoc.doctype, String(remoteDoc.name), field), await readSecret(local, localDoc.doctype, String(localDoc.name), field)];
    if (theirs !== ours) differing.push(field);
  }
  return differing;
}

/** The record as it will be written here: the remote's values, its secrets when asked for, else an account awaiting the password it did not bring. */
async function localPayload(remote: Site, remoteDoc: Doc, localDoc: Doc | undefined, options: PullOptions): Promise<Doc> {
  const meta = remote.meta.get(remoteDoc.doctype);
  const payload: Doc = { ...pullPayload(remoteDoc, remote.meta), name: String(remoteDoc.name) };
  for (const field of passwordFields(meta)) {
    if (!options.withPasswords) continue;
    if (hasSecret(remoteDoc, field)) payload[field] = (await readSecret(remote, remoteDoc.doctype, String(remoteDoc.name), field)) ?? null;
    else if (hasSecret(localDoc, field)) payload[field] = null;
  }
  if (!options.withPasswords && passwordWithheld(localDoc, remoteDoc, meta)) payload[AWAITING_PASSWORD_FIELD] = 1;
  return payload;
}

/** Reads both records of a pair (unless the ledger shows neither changed) and decides: a write to make, or the outcome. */
async function plan(remote: Site, local: Site, doctype: string, pair: RecordPair, index: number, options: PullOptions): Promise<PlannedWrite | SyncOutcome> {
  const { source, target, base } = pair;
  const outcome: SyncOutcome = { doctype, name: target?.name ?? source.name, remoteName: source.name, status: "unchanged" };
  if (target && unchangedSinceBase(base, "pull", source.modified, target.modified)) return outcome;
  // Links in the local names (a mail pushed from here has another name on the site).
  const remoteDoc = renameLinks(await remote.get(doctype, source.name), local.meta, toLocalNames(options.ledger));
  if (!target) return { index, outcome: { ...outcome, status: "created" }, remote: remoteDoc };
  const localDoc = await local.get(doctype, target.name);
  const meta = local.meta.get(doctype);
  const secrets = options.withPasswords ? await differentSecrets(remote, local, remoteDoc, localDoc, passwordFields(meta)) : [];
  const ignore = options.withPasswords ? [] : withheldFields(localDoc, remoteDoc, meta);
  const differences = compareRecords(localDoc, remoteDoc, local.meta, { passwords: options.withPasswords ? "presence" : "ignore", ignore, differentSecrets: secrets });
  const decision = decideCopy({ base, direction: "pull", targetModified: String(localDoc.modified), equal: differences.length === 0, force: options.force === true });
  const fields = differences.map((d) => d.field);
  if (decision === "unchanged") {
    if (!options.dryRun) options.ledger.set(doctype, target.name, { remoteName: source.name, remoteModified: String(remoteDoc.modified), localModified: String(localDoc.modified) });
    return outcome;
  }
  if (decision === "conflict") return { ...outcome, status: "conflict", fields, error: errorEntry(conflictError("pull", doctype, target.name, local.label, base)) };
  return { index, outcome: { ...outcome, status: "updated", fields }, remote: remoteDoc, local: localDoc };
}

async function write(remote: Site, local: DryRunSite, planned: PlannedWrite, options: PullOptions): Promise<void> {
  const { outcome, remote: remoteDoc, local: localDoc } = planned;
  const payload = await localPayload(remote, remoteDoc, localDoc, options);
  const result = localDoc
    ? await local.save({ ...payload, name: outcome.name, modified: localDoc.modified }, WRITE_OPTIONS)
    : await local.insert(payload, WRITE_OPTIONS);
  outcome.name = String(result.doc.name);
  const ignore = options.withPasswords ? [] : withheldFields(result.doc, remoteDoc, local.meta.get(remoteDoc.doctype));
  try {
    const note = await restoreCopiedValues(local, result.doc, remoteDoc, ignore);
    if (note) outcome.note = note;
  } catch (err) {
    // The record is stored; only the exact copy of a field the controllers set failed.
    outcome.note = `stored, but a field the local controllers set could not be put back as the site has it: ${errorEntry(err).message}`;
  }
  const stored = await local.get(remoteDoc.doctype, outcome.name);
  options.ledger.set(remoteDoc.doctype, outcome.name, { remoteName: String(remoteDoc.name), remoteModified: String(remoteDoc.modified), localModified: String(stored.modified) });
}

/** A dry run: each planned write through the local lifecycle, all rolled back. */
async function tryWrites(remote: Site, local: DryRunSite, planned: PlannedWrite[], options: PullOptions): Promise<void> {
  const payloads: Doc[] = [];
  for (const { outcome, remote: remoteDoc, local: localDoc } of planned) {
    const payload = await localPayload(remote, remoteDoc, localDoc, options);
    payloads.push(localDoc ? { ...payload, name: outcome.name, modified: localDoc.modified } : payload);
  }
  const results = await local.dryRun(payloads, WRITE_OPTIONS);
  results.forEach((result, index) => {
    const outcome = (planned[index] as PlannedWrite).outcome;
    const [error] = result.errors;
    if (!result.valid && error) Object.assign(outcome, { status: "failed", error });
  });
}

/** Records read, decided and written per round: memory stays bounded however many mails a site holds. */
const ROUND = 200;

/** Reads and decides one round of pairs (concurrently), then writes them here in the site's order. */
async function pullRound(remote: Site, local: DryRunSite, doctype: SyncDoctype, pairs: RecordPair[], options: PullOptions): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = new Array(pairs.length);
  const planned: PlannedWrite[] = [];
  await forEachLimited(pairs, options.concurrency ?? DEFAULT_CONCURRENCY, async (pair, index) => {
    try {
      const result = await plan(remote, local, doctype, pair, index, options);
      if ("outcome" in result) {
        outcomes[index] = result.outcome;
        planned.push(result);
      } else outcomes[index] = result;
    } catch (err) {
      outcomes[index] = { doctype, name: pair.target?.name ?? pair.source.name, remoteName: pair.source.name, status: "failed", error: errorEntry(err) };
    }
  });
  // Written in the site's order, whatever order the reads finished in.
  planned.sort((a, b) => a.index - b.index);
  if (options.dryRun) {
    await tryWrites(remote, local, planned, options);
    return outcomes;
  }
  for (const item of planned) {
    try {
      await write(remote, local, item, options);
    } catch (err) {
      Object.assign(item.outcome, { status: "failed", error: errorEntry(err) });
    }
  }
  return outcomes;
}

async function pullDoctype(remote: Site, local: DryRunSite, doctype: SyncDoctype, options: PullOptions): Promise<SyncOutcome[]> {
  const filters = await selectionFilters(remote, doctype, options.selection);
  if (filters === "none") return [];
  const sources = await listKeys(remote, doctype, filters);
  const remembered = sources.flatMap((key) => options.ledger.localNameFor(doctype, key.name) ?? []);
  const messageIds = sources.flatMap((key) => messageIdOf(key) ?? []);
  const targets = await lookupKeys(local, doctype, [...sources.map((key) => key.name), ...remembered], messageIds);
  const pairs = pairRecords(doctype, sources, targets, options.ledger, "pull");
  const outcomes: SyncOutcome[] = [];
  for (let start = 0; start < pairs.length; start += ROUND) outcomes.push(...(await pullRound(remote, local, doctype, pairs.slice(start, start + ROUND), options)));
  return outcomes;
}

/**
 * Copies the selected records of `remote` into `local`: Email Domains, then Email Accounts (with
 * their IMAP Folder rows), then Communications and Unhandled Emails. Each record is inserted (with
 * its name) or updated through the local lifecycle without live logins; one that failed does not
 * stop the others. A local record changed since the last sync is reported as a conflict, not
 * overwritten, unless `force`.
 */
export async function pullRecords(remote: Site, local: DryRunSite, options: PullOptions): Promise<SyncReport> {
  const log = options.log ?? silentLogger;
  const records: SyncOutcome[] = [];
  try {
    for (const doctype of options.selection.doctypes) {
      const outcomes = await pullDoctype(remote, local, doctype, options);
      log.info({ doctype, records: outcomes.length }, "pulled");
      records.push(...outcomes);
      if (!options.dryRun) options.ledger.save();
    }
  } finally {
    if (!options.dryRun) options.ledger.save();
  }
  return { direction: "pull", remote: remote.label, local: local.label, dryRun: options.dryRun === true, records, counts: countStatuses(records) };
}
