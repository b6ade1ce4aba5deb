import crypto from "node:crypto";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Doc } from "../../core/doc";
import { type Logger, silentLogger } from "../../core/logger";
import { writeFileAtomically } from "./atomic-file";
import { type CursorStore, folderNameOf, type ImapCursor } from "./cursor-store";

export interface FileCursorStoreOptions {
  /** The remote site's URL (its `label`); the file is named after its SHA-256. */
  siteUrl: string;
  /** The folder of the cursor files; `cursorStateDir(env)` unless given. */
  dir?: string;
  env?: Record<string, string | undefined>;
  log?: Logger;
}

/** `$FEA_STATE_DIR/cursors`, else `$XDG_STATE_HOME/frappe-email-account/cursors` (default `~/.local/state/...`). */
export function cursorStateDir(env: Record<string, string | undefined> = process.env): string {
  if (env.FEA_STATE_DIR) return path.join(path.resolve(env.FEA_STATE_DIR), "cursors");
  const stateHome = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), ".local", "state");
  return path.join(stateHome, "frappe-email-account", "cursors");
}

/** One file per remote site: `<dir>/<sha256 of the URL>.json`. */
export function cursorFileFor(dir: string, siteUrl: string): string {
  return path.join(dir, `${crypto.createHash("sha256").update(siteUrl).digest("hex")}.json`);
}

/** By account name, then folder name. */
type Cursors = Map<string, Map<string, ImapCursor>>;

function validCursor(value: unknown): ImapCursor | undefined {
  const entry = value as Partial<ImapCursor> | null;
  if (typeof entry !== "object" || entry === null) return undefined;
  const { uidvalidity, uidnext } = entry;
  if (typeof uidvalidity !== "string" || uidvalidity.trim() === "" || !Number.isSafeInteger(uidnext) || (uidnext as number) < 1) return undefined;
  return { uidvalidity, uidnext: uidnext as number };
}

/** The file's cursors; a malformed entry is left out (that folder starts again), the rest is kept. */
function parseCursors(text: string, siteUrl: string): Cursors {
  const parsed = JSON.parse(text) as { site?: unknown; accounts?: unknown } | null;
  if (typeof parsed !== "object" || parsed === null) throw new Error("not a JSON object");
  if (parsed.site !== siteUrl) throw new Error(`it belongs to ${String(parsed.site)}`);
  const cursors: Cursors = new Map();
  if (typeof parsed.accounts !== "object" || parsed.accounts === null) return cursors;
  for (const [account, folders] of Object.entries(parsed.accounts)) {
    if (typeof folders !== "object" || folders === null) continue;
    const kept = new Map<string, ImapCursor>();
    for (const [folder, value] of Object.entries(folders)) {
      const cursor = validCursor(value);
      if (cursor) kept.set(folder, cursor);
    }
    cursors.set(account, kept);
  }
  return cursors;
}

function serialize(cursors: Cursors, siteUrl: string): string {
  const accounts = Object.fromEntries([...cursors].map(([account, folders]) => [account, Object.fromEntries(folders)]));
  return `${JSON.stringify({ version: 1, site: siteUrl, accounts }, null, 1)}\n`;
}

/**
 * Cursors of a remote Frappe site, kept on this machine in a small JSON file per site: REST has no
 * direct column write, and `frappe.client.set_value` on an IMAP Folder row saves the whole Email
 * Account (validation with logins from the Frappe server, `modified` moved) — after every mail.
 * The rows on the site are not written at all, not even once per folder pass: with IDLE a pass runs
 * for nearly every arriving mail, so that would still be a save per mail.
 *
 * The file is read once and kept in memory; each save replaces it atomically (temporary file,
 * fsync, rename), after the mail's records were written, so a crash re-fetches at most that mail.
 * A missing or unreadable file is no cursor: each folder's next pull takes a first-sync window
 * again, and the mails of it already stored are recognised by their Message-ID (P13) and not stored
 * twice. One process per site should pull: another writer's progress may be overwritten, which
 * again only means fetching mail once more.
 */
export class FileCursorStore implements CursorStore {
  readonly file: string;
  private readonly siteUrl: string;
  private readonly log: Logger;
  private cursors: Promise<Cursors> | undefined;
  /** Saves run one after another, each writing the whole file. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(options: FileCursorStoreOptions) {
    this.siteUrl = options.siteUrl;
    this.file = cursorFileFor(options.dir ?? cursorStateDir(options.env), options.siteUrl);
    this.log = options.log ?? silentLogger;
  }

  async load(account: string, folderRow: Doc): Promise<ImapCursor | undefined> {
    const cursor = (await this.read()).get(account)?.get(folderNameOf(folderRow));
    return cursor ? { ...cursor } : undefined;
  }

  save(account: string, folderRow: Doc, cursor: ImapCursor): Promise<void> {
    const folder = folderNameOf(folderRow);
    const write = this.writes.then(async () => {
      const current = await this.read();
      const next: Cursors = new Map(current);
      next.set(account, new Map(current.get(account)).set(folder, { uidvalidity: cursor.uidvalidity, uidnext: cursor.uidnext }));
      await fsp.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomically(this.file, serialize(next, this.siteUrl));
      // Only a cursor on disk counts: a failed write leaves the one before it.
      this.cursors = Promise.resolve(next);
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  private read(): Promise<Cursors> {
    this.cursors ??= fsp.readFile(this.file, "utf8").then(
      (text) => {
        try {
          return parseCursors(text, this.siteUrl);
        } catch (err) {
          return this.unreadable(err);
        }
      },
      (err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? new Map() : this.unreadable(err)),
    );
    return this.cursors;
  }

  private unreadable(err: unknown): Cursors {
    const error = err instanceof Error ? err.message : String(err);
    this.log.warn({ file: this.file, error }, "IMAP cursor file unreadable: each folder starts again from a first-sync window (mail already stored is recognised by its Message-ID)");
    return new Map();
  }
}
