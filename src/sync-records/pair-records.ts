import { KeyIndex, type RecordKey } from "./record-keys";
import type { SyncBase, SyncLedger } from "./sync-ledger";

/** Which way records are copied: `pull` remote to local, `push` local to remote. */
export type Direction = "pull" | "push";

/** A record of the side copied from, the record it becomes on the other side (when there is one), and their last sync. */
export interface RecordPair {
  source: RecordKey;
  target?: RecordKey;
  /** Set only when `target` is the very record the ledger remembers. */
  base?: SyncBase;
  /** The ledger remembers a counterpart that the other side no longer has (it was deleted there). */
  lost?: SyncBase;
}

/**
 * Finds each source record's counterpart: the record the ledger remembers, else the record of the
 * same name (copied before with its name), else the mail of the same Message-ID and account. A
 * counterpart is given to one source record only.
 */
export function pairRecords(
  doctype: string,
  sources: RecordKey[],
  targets: Iterable<RecordKey>,
  ledger: SyncLedger,
  direction: Direction,
  /** Counterparts given out already (when records are paired round by round). */
  taken: Set<string> = new Set<string>(),
): RecordPair[] {
  const index = new KeyIndex(targets);
  const free = (key: RecordKey | undefined) => (key && !taken.has(key.name) ? key : undefined);
  return sources.map((source) => {
    const localName = direction === "push" ? source.name : ledger.localNameFor(doctype, source.name);
    const base = localName === undefined ? undefined : ledger.get(doctype, localName);
    const rememberedName = direction === "push" ? base?.remoteName : localName;
    const stillThere = index.byName(rememberedName);
    const remembered = free(stillThere);
    const target = remembered ?? free(index.byName(source.name)) ?? free(index.byNaturalKey(source.naturalKey));
    if (target) taken.add(target.name);
    return { source, ...(target ? { target } : {}), ...(base && remembered ? { base } : {}), ...(base && !stillThere && !target ? { lost: base } : {}) };
  });
}

/** The keys of `targets` no pair took: records only the other side has. */
export function unpaired(pairs: RecordPair[], targets: RecordKey[]): RecordKey[] {
  const taken = new Set(pairs.flatMap((pair) => (pair.target ? [pair.target.name] : [])));
  return targets.filter((key) => !taken.has(key.name));
}
