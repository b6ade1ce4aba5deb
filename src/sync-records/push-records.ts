import type { Doc } from "../core/doc";
import { silentLogger } from "../core/logger";
import type { Site } from "../core/site";
import { TimestampMismatchError } from "../errors";
import { compareRecords } from "./compare-records";
import { conflictError } from "./conflict-error";
import { decideCopy } from "./decide-copy";
import { forEachLimited } from "./limited";
import { renameLinks, toRemoteNames } from "./link-names";
import { mailCursorFields } from "./mail-cursors";
import { pairRecords, type RecordPair } from "./pair-records";
import { hasSecret, passwordFields, readSecret, withheldFields } from "./passwords";
import { pushPayload } from "./payload";
import { type PlannedPush, sendPushes } from "./push-send";
import { listKeys, lookupKeys, messageIdOf, type RecordKey } from "./record-keys";
import { RemoteLinks } from "./remote-links";
import { selectionFilters } from "./selection";
import type { SyncDoctype } from "./sync-doctypes";
import { countStatuses, errorEntry, type SyncOutcome, type SyncReport } from "./sync-report";
import { DEFAULT_CONCURRENCY, type DryRunSite, type SyncRunOptions } from "./sync-sites";

export interface PushOptions extends SyncRunOptions {
  /** Check and decide without writing to the remote site. */
  dryRun?: boolean;
  /** Overwrite remote records changed since the last sync (their current `modified` is read and sent). */
  force?: boolean;
}

interface Candidate {
  key: RecordKey;
  doc: Doc;
  outcome: SyncOutcome;
}

/** One selected local record that changed since the last sync (or was never synced), with its outcome so far. */
interface Changed {
  key: RecordKey;
  outcome: SyncOutcome;
}

/** Records checked, decided and sent per round: memory stays bounded however many mails are pushed. */
const ROUND = 200;

/**
 * The selected local records in order, and those that changed since they were last made equal
 * (or were never synced); the others are settled already, with no request made.
 */
async function changedRecords(local: Site, doctype: SyncDoctype, options: PushOptions): Promise<{ outcomes: SyncOutcome[]; changed: Changed[] }> {
  const filters = await selectionFilters(local, doctype, options.selection);
  if (filters === "none") return { outcomes: [], changed: [] };
  const outcomes: SyncOutcome[] = [];
  const changed: Changed[] = [];
  for (const key of await listKeys(local, doctype, filters)) {
    const base = options.ledger.get(doctype, key.name);
    const outcome: SyncOutcome = { doctype, name: key.name, ...(base ? { remoteName: base.remoteName } : {}), status: "unchanged" };
    outcomes.push(outcome);
    if (!base || base.localModified !== key.modified) changed.push({ key, outcome });
  }
  return { outcomes, changed };
}

/** Each record through the local lifecycle, rolled back, before anything about it is sent: one it refuses is reported and left out. */
async function checked(local: DryRunSite, doctype: string, round: Changed[]): Promise<Candidate[]> {
  const docs: Doc[] = [];
  for (const { key } of round) docs.push(await local.get(doctype, key.name));
  const results = await local.dryRun(docs, { noConnect: true });
  const candidates: Candidate[] = [];
  round.forEach(({ key, outcome }, index) => {
    const result = results[index];
    if (result && !result.valid) Object.assign(outcome, { status: "refused", ...(result.errors[0] ? { error: result.errors[0] } : {}) });
    else candidates.push({ key, doc: docs[index] as Doc, outcome });
  });
  return candidates;
}

/** Adds the local secrets the remote copy lacks or holds differently (clear values, in the payload only). */
async function addSecrets(local: Site, remote: Site, payload: Doc, localDoc: Doc, remoteDoc: Doc | undefined): Promise<void> {
  for (const field of passwordFields(local.meta.get(localDoc.doctype))) {
    if (!hasSecret(localDoc, field)) continue;
    const ours = await readSecret(local, localDoc.doctype, String(localDoc.name), field);
    if (ours === undefined) continue;
    const theirs = remoteDoc && hasSecret(remoteDoc, field) ? await readSecret(remote, remoteDoc.doctype, String(remoteDoc.name), field) : undefined;
    if (ours !== theirs) payload[field] = ours;
  }
}

interface PlanContext {
  local: Site;
  remote: Site;
  links: RemoteLinks;
  options: PushOptions;
}

/** Reads the remote record and decides: a push to make, or undefined when the outcome stands as it is. */
async function plan(pair: RecordPair, candidate: Candidate, ctx: PlanContext): Promise<PlannedPush | undefined> {
  const { local, remote, options } = ctx;
  const { doc: localDoc, outcome } = candidate;
  const doctype = localDoc.doctype;
  if (!pair.target) {
    if (pair.lost && !options.force) {
      const error = new TimestampMismatchError(`${doctype} ${outcome.name} was deleted on ${remote.label} since the last sync: push --force to insert it again`, { doctype, docname: outcome.name });
      Object.assign(outcome, { status: "conflict", error: errorEntry(error) });
      return undefined;
    }
    const payload: Doc = { ...pushPayload(localDoc, undefined, local.meta), name: outcome.name };
    await addSecrets(local, remote, payload, localDoc, undefined);
    Object.assign(outcome, { status: "created" });
    return { outcome, local: localDoc, payload };
  }
  const remoteName = pair.target.name;
  outcome.remoteName = remoteName;
  const remoteDoc = await remote.get(doctype, remoteName);
  // The local record as the site would hold it: its links in the site's names, timeline rows the site can hold.
  const asSent = await ctx.links.withoutMissingTargets(renameLinks(localDoc, local.meta, toRemoteNames(options.ledger)));
  const withheld = withheldFields(localDoc, remoteDoc, local.meta.get(doctype), { passwords: true });
  const payload: Doc = { ...pushPayload(asSent, remoteDoc, local.meta), name: remoteName, modified: remoteDoc.modified };
  for (const field of withheld) delete payload[field];
  await addSecrets(local, remote, payload, localDoc, remoteDoc);
  const differentSecrets = passwordFields(local.meta.get(doctype)).filter((field) => field in payload && hasSecret(remoteDoc, field));
  const ignore = [...withheld, ...mailCursorFields(doctype)];
  const differences = compareRecords(asSent, remoteDoc, local.meta, { passwords: "presence", ignore, differentSecrets, ignoreRowFields: mailCursorFields });
  const decision = decideCopy({ base: pair.base, direction: "push", targetModified: String(remoteDoc.modified), equal: differences.length === 0, force: options.force === true });
  const fields = differences.map((d) => d.field);
  if (decision === "unchanged") {
    if (!options.dryRun) options.ledger.set(doctype, outcome.name, { remoteName, remoteModified: String(remoteDoc.modified), localModified: String(localDoc.modified) });
    return undefined;
  }
  if (decision === "conflict") {
    Object.assign(outcome, { status: "conflict", fields, error: errorEntry(conflictError("push", doctype, remoteName, remote.label, pair.base, String(remoteDoc.modified))) });
    return undefined;
  }
  Object.assign(outcome, { status: "updated", fields });
  return { outcome, local: localDoc, payload };
}

async function pushRound(doctype: SyncDoctype, candidates: Candidate[], taken: Set<string>, ctx: PlanContext): Promise<void> {
  const { remote, options } = ctx;
  if (candidates.length === 0) return;
  const keys = candidates.map((candidate) => candidate.key);
  const remembered = keys.flatMap((key) => options.ledger.get(doctype, key.name)?.remoteName ?? []);
  const targets = await lookupKeys(remote, doctype, [...keys.map((key) => key.name), ...remembered], keys.flatMap((key) => messageIdOf(key) ?? []));
  const pairs = pairRecords(doctype, keys, targets, options.ledger, "push", taken);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const planned: Array<PlannedPush | undefined> = new Array(pairs.length);
  await forEachLimited(pairs, concurrency, async (pair, index) => {
    const candidate = candidates[index] as Candidate;
    try {
      planned[index] = await plan(pair, candidate, ctx);
    } catch (err) {
      Object.assign(candidate.outcome, { status: "failed", error: errorEntry(err) });
    }
  });
  const toSend = planned.filter((item): item is PlannedPush => item !== undefined);
  if (!options.dryRun) await sendPushes(toSend, { remote, ledger: options.ledger, links: ctx.links, concurrency });
}

async function pushDoctype(doctype: SyncDoctype, ctx: PlanContext, local: DryRunSite): Promise<SyncOutcome[]> {
  const { outcomes, changed } = await changedRecords(local, doctype, ctx.options);
  const taken = new Set<string>();
  for (let start = 0; start < changed.length; start += ROUND) {
    const candidates = await checked(local, doctype, changed.slice(start, start + ROUND));
    await pushRound(doctype, candidates, taken, ctx);
  }
  return outcomes;
}

/**
 * Sends the selected local records to `remote`. Every local record changed since the last sync
 * first runs through the local lifecycle (rolled back), before any request about it is made: one
 * it refuses is reported with the same message and not sent. Then each is inserted when the site lacks it
 * (concurrently, over kept-alive connections), or saved by name carrying the remote `modified`
 * it just read, when the remote record is unchanged since the last sync; a remote change since
 * is reported as a conflict (TimestampMismatchError), never overwritten, unless `force`.
 * Passwords set here are sent to the site when it lacks them or holds others; never reported.
 */
export async function pushRecords(local: DryRunSite, remote: Site, options: PushOptions): Promise<SyncReport> {
  const log = options.log ?? silentLogger;
  const ctx: PlanContext = { local, remote, links: new RemoteLinks(remote), options };
  const records: SyncOutcome[] = [];
  try {
    for (const doctype of options.selection.doctypes) {
      const outcomes = await pushDoctype(doctype, ctx, local);
      log.info({ doctype, records: outcomes.length }, "pushed");
      records.push(...outcomes);
      if (!options.dryRun) options.ledger.save();
    }
  } finally {
    if (!options.dryRun) options.ledger.save();
  }
  return { direction: "push", remote: remote.label, local: local.label, dryRun: options.dryRun === true, records, counts: countStatuses(records) };
}
