import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "better-sqlite3";

/** A FIFO lock for async code: `await lock()` resolves to the function that releases it. */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return acquired;
  }
}

/** One open transaction or savepoint, as seen by code running inside its body. */
interface Scope {
  /** Serialises the nested calls made from this body, so two savepoints never interleave. */
  readonly children: AsyncMutex;
  active: boolean;
}

export interface TransactionOptions {
  /** Roll back even when the body succeeds (dry runs); the body's value is still returned. */
  rollback?: boolean;
}

/**
 * Async transactions over one better-sqlite3 connection. Top-level calls take turns (BEGIN
 * IMMEDIATE ... COMMIT); a call from inside a body, in the same async context, becomes a SAVEPOINT
 * whose failure rolls back only its own writes. Writes made outside any `run` while another
 * transaction is open share that connection and therefore that transaction.
 */
export class TransactionRunner {
  private readonly root = new AsyncMutex();
  private readonly scopes = new AsyncLocalStorage<Scope>();
  private savepoints = 0;

  /** `afterRollback` lets caches built inside the rolled-back work forget it. */
  constructor(
    private readonly db: Database,
    private readonly afterRollback: () => void = () => {},
  ) {}

  async run<T>(body: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const parent = this.scopes.getStore();
    if (parent?.active) {
      const release = await parent.children.lock();
      try {
        // The enclosing body may have finished while this call waited: then it stands on its own.
        if (parent.active) return await this.inScope((scope) => this.savepoint(body, options, scope));
      } finally {
        release();
      }
    }
    const release = await this.root.lock();
    try {
      return await this.inScope((scope) => this.outermost(body, options, scope));
    } finally {
      release();
    }
  }

  private inScope<T>(work: (scope: Scope) => Promise<T>): Promise<T> {
    const scope: Scope = { children: new AsyncMutex(), active: true };
    return this.scopes.run(scope, () => work(scope));
  }

  private async outermost<T>(body: () => Promise<T>, options: TransactionOptions, scope: Scope): Promise<T> {
    this.db.exec("BEGIN IMMEDIATE");
    let value: T;
    try {
      value = await body();
    } catch (err) {
      this.rollbackAll();
      throw err;
    } finally {
      scope.active = false;
    }
    if (options.rollback) {
      this.rollbackAll();
      return value;
    }
    try {
      this.db.exec("COMMIT");
    } catch (err) {
      this.rollbackAll();
      throw err;
    }
    return value;
  }

  private async savepoint<T>(body: () => Promise<T>, options: TransactionOptions, scope: Scope): Promise<T> {
    const name = `fea_savepoint_${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    let value: T;
    try {
      value = await body();
    } catch (err) {
      this.rollbackTo(name);
      throw err;
    } finally {
      scope.active = false;
    }
    if (options.rollback) this.rollbackTo(name);
    else this.db.exec(`RELEASE ${name}`);
    return value;
  }

  private rollbackAll(): void {
    // SQLite may already have rolled back on its own (e.g. a full disk).
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    this.afterRollback();
  }

  private rollbackTo(name: string): void {
    if (this.db.inTransaction) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
    }
    this.afterRollback();
  }
}
