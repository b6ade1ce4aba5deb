import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../errors";

/**
 * What both copies of one record looked like the last time they were made equal: the remote
 * record's name (a Communication is named anew by the site that inserts it) and both `modified`
 * stamps. A later run tells from it which side changed since, so a change on the other side is
 * reported instead of overwritten.
 */
export interface SyncBase {
  remoteName: string;
  remoteModified: string;
  localModified: string;
}

type Section = Record<string, Record<string, SyncBase>>;

interface LedgerFile {
  version: 1;
  /** By remote site (its URL or file), then DocType, then local name. */
  sites: Record<string, Section>;
}

/** Where a local site file keeps its ledger: next to it, like its key file. */
export function ledgerFileFor(localSiteFile: string): string {
  return `${localSiteFile}.sync.json`;
}

function isBase(value: unknown): value is SyncBase {
  const entry = value as Partial<SyncBase> | null;
  return typeof entry === "object" && entry !== null && typeof entry.remoteName === "string" && typeof entry.remoteModified === "string" && typeof entry.localModified === "string";
}

function readLedger(file: string): LedgerFile {
  if (!fs.existsSync(file)) return { version: 1, sites: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    throw new ConfigError(`the sync ledger ${file} is not valid JSON; remove it to start over (the next run then compares every record)`);
  }
  const sites = (parsed as Partial<LedgerFile> | null)?.sites;
  if (typeof sites !== "object" || sites === null) throw new ConfigError(`the sync ledger ${file} has no "sites"; remove it to start over`);
  return { version: 1, sites: sites as Record<string, Section> };
}

/** The sync state between one local site and one remote site; kept in a JSON file, or in memory only. */
export class SyncLedger {
  readonly #file: string | undefined;
  readonly #all: LedgerFile;
  readonly #section: Section;
  readonly #byRemote = new Map<string, string>();

  private constructor(file: string | undefined, all: LedgerFile, remote: string) {
    this.#file = file;
    this.#all = all;
    this.#section = all.sites[remote] ?? {};
    all.sites[remote] = this.#section;
    for (const [doctype, entries] of Object.entries(this.#section)) {
      for (const [localName, base] of Object.entries(entries)) {
        if (isBase(base)) this.#byRemote.set(`${doctype}\u0000${base.remoteName}`, localName);
        else delete entries[localName];
      }
    }
  }

  /** The ledger in `file` (created on the first save) for the remote site labelled `remote`. */
  static open(file: string, remote: string): SyncLedger {
    return new SyncLedger(path.resolve(file), readLedger(path.resolve(file)), remote);
  }

  /** A ledger that lives only as long as this object (library use, tests, the benchmark). */
  static inMemory(remote = "remote"): SyncLedger {
    return new SyncLedger(undefined, { version: 1, sites: {} }, remote);
  }

  get(doctype: string, localName: string): SyncBase | undefined {
    return this.#section[doctype]?.[localName];
  }

  /** The local record last made equal to the remote record `remoteName`. */
  localNameFor(doctype: string, remoteName: string): string | undefined {
    return this.#byRemote.get(`${doctype}\u0000${remoteName}`);
  }

  set(doctype: string, localName: string, base: SyncBase): void {
    const entries = (this.#section[doctype] ??= {});
    const previous = entries[localName];
    if (previous) this.#byRemote.delete(`${doctype}\u0000${previous.remoteName}`);
    const staleLocal = this.#byRemote.get(`${doctype}\u0000${base.remoteName}`);
    if (staleLocal !== undefined && staleLocal !== localName) delete entries[staleLocal];
    entries[localName] = { ...base };
    this.#byRemote.set(`${doctype}\u0000${base.remoteName}`, localName);
  }

  /** Writes the ledger (to a temporary file, then renamed over the old one, so a crash leaves the old or the new one whole). */
  save(): void {
    if (!this.#file) return;
    const temporary = `${this.#file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(this.#all, null, 1)}\n`, { mode: 0o600 });
    fs.renameSync(temporary, this.#file);
  }
}
