import type { Database, Statement } from "better-sqlite3";
import type { MetaRegistry } from "../../core/meta-registry";
import type { AuthTable } from "./auth-table";
import { syncTable } from "./schema-sync";
import { buildTableLayout, type TableLayout } from "./table-layout";

/**
 * Table layouts by DocType, each synced to the database on first use. A DocType whose meta object
 * changed (a newer meta was added to the registry) is synced again, which adds its new columns.
 */
export class LayoutCache {
  private readonly layouts = new Map<string, TableLayout>();

  constructor(
    private readonly db: Database,
    private readonly registry: MetaRegistry,
  ) {}

  /** The layout of a DocType; an unknown DocType is `DocType X not found` (MetaRegistry.get). */
  get(doctype: string): TableLayout {
    const meta = this.registry.get(doctype);
    const cached = this.layouts.get(doctype);
    if (cached && cached.meta === meta) return cached;
    const layout = buildTableLayout(meta);
    syncTable(this.db, layout);
    this.layouts.set(doctype, layout);
    return layout;
  }

  syncAll(): void {
    for (const meta of this.registry.all()) this.get(meta.name);
  }

  /** After a rollback a table created inside it is gone again: check every table anew on next use. */
  forget(): void {
    this.layouts.clear();
  }
}

/** Prepared statements by SQL text (the text is built from meta only, so the set stays small). */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  forget(): void {
    this.statements.clear();
  }
}

/** What the record reader and writer share. */
export interface StoreContext {
  db: Database;
  layouts: LayoutCache;
  statements: StatementCache;
  auth: AuthTable;
  /** Frappe timestamp text, strictly increasing. */
  timestamp: () => string;
}
