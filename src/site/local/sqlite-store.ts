import BetterSqlite3, { type Database } from "better-sqlite3";
import type { Doc } from "../../core/doc";
import type { MetaRegistry } from "../../core/meta-registry";
import type { Filters, ListArgs } from "../../core/site";
import type { RecordStore } from "../../core/store";
import { ConfigError, isFrappeError } from "../../errors";
import { AuthTable } from "./auth-table";
import { createPasswordVault } from "./password-vault";
import { countQuery, listQuery } from "./query-builder";
import { readRecord } from "./record-reader";
import { deleteRecord, insertRecord, type SetValueOptions, setRecordValues, updateRecord } from "./record-writer";
import { createSystemTables } from "./schema-sync";
import { quoteIdent } from "./sql";
import { LayoutCache, StatementCache, type StoreContext } from "./store-context";
import { createTimestampSource } from "./timestamps";
import { type TransactionOptions, TransactionRunner } from "./transaction";

export interface SqliteStoreOptions {
  /** The site's SQLite file; ":memory:" only for pure unit tests. */
  file: string;
  meta: MetaRegistry;
  /** Where the password key lives; default `<file>.key` (a `:memory:` site keeps its key in memory). */
  keyFile?: string;
  now?: () => Date;
}

/** The embedded site's storage: one `tab<DocType>` table per DocType, laid out as a Frappe site's MariaDB. */
export interface SqliteStore extends RecordStore {
  readonly file: string;
  readonly keyFile: string | undefined;
  /** The next Frappe timestamp of this store's clock ("YYYY-MM-DD HH:MM:SS.ffffff", strictly increasing). */
  timestamp(): string;
  /** Moves the write-ahead log into the main file (e.g. before copying the file). */
  checkpoint(): void;
}

class SqliteStoreImpl implements SqliteStore {
  private readonly ctx: StoreContext;
  private readonly transactions: TransactionRunner;

  constructor(
    private readonly db: Database,
    readonly file: string,
    readonly keyFile: string | undefined,
    meta: MetaRegistry,
    now?: () => Date,
  ) {
    createSystemTables(db);
    const layouts = new LayoutCache(db, meta);
    const statements = new StatementCache(db);
    this.ctx = { db, layouts, statements, auth: new AuthTable(db, createPasswordVault(keyFile)), timestamp: createTimestampSource(now) };
    this.transactions = new TransactionRunner(db, () => {
      layouts.forget();
      statements.forget();
    });
    layouts.syncAll();
  }

  transaction<T>(body: () => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.transactions.run(body, options);
  }

  load(doctype: string, name: string): Doc | undefined {
    return readRecord(this.ctx, this.ctx.layouts.get(doctype), name);
  }

  exists(doctype: string, name: string): boolean {
    const layout = this.ctx.layouts.get(doctype);
    return this.ctx.statements.get(`SELECT 1 FROM ${quoteIdent(layout.table)} WHERE "name" = ?`).get(name) !== undefined;
  }

  list(doctype: string, args: ListArgs = {}): Doc[] {
    const query = listQuery(this.ctx.layouts.get(doctype), args, (child) => this.ctx.layouts.get(child));
    return this.db.prepare(query.sql).all(...query.params) as Doc[];
  }

  count(doctype: string, filters?: Filters): number {
    const query = countQuery(this.ctx.layouts.get(doctype), filters, (child) => this.ctx.layouts.get(child));
    return (this.db.prepare(query.sql).get(...query.params) as { n: number }).n;
  }

  insert(doc: Doc): void {
    insertRecord(this.ctx, doc);
  }

  update(doc: Doc, expectedModified?: string): void {
    updateRecord(this.ctx, doc, expectedModified);
  }

  delete(doctype: string, name: string): void {
    deleteRecord(this.ctx, doctype, name);
  }

  setValue(doctype: string, name: string, values: Record<string, unknown>, options?: SetValueOptions): void {
    setRecordValues(this.ctx, doctype, name, values, options);
  }

  getSecret(doctype: string, name: string, fieldname: string): string | undefined {
    this.ctx.layouts.get(doctype);
    return this.ctx.auth.get(doctype, name, fieldname);
  }

  nextSeriesValue(prefix: string): number {
    const sql = `INSERT INTO "tabSeries" ("name", "current") VALUES (?, 1)
      ON CONFLICT ("name") DO UPDATE SET "current" = "current" + 1 RETURNING "current"`;
    return (this.ctx.statements.get(sql).get(prefix) as { current: number }).current;
  }

  timestamp(): string {
    return this.ctx.timestamp();
  }

  checkpoint(): void {
    this.db.pragma("wal_checkpoint(TRUNCATE)");
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens (creating when needed) the site's SQLite file in WAL mode, creates `tabSeries`, `__Auth`
 * and one table per DocType of `meta`, and adds the columns newer metas bring.
 */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const inMemory = options.file === ":memory:";
  const keyFile = options.keyFile ?? (inMemory ? undefined : `${options.file}.key`);
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(options.file);
    db.pragma("journal_mode = WAL");
    // WAL + NORMAL survives a crash of the process; only an OS crash may lose the last commits.
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    return new SqliteStoreImpl(db, options.file, keyFile, options.meta, options.now);
  } catch (err) {
    db?.close();
    if (isFrappeError(err)) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError(`Cannot open the site database ${options.file}: ${reason}`, { cause: err });
  }
}
