import type { Doc } from "./doc";
import type { Filters, ListArgs } from "./site";

/**
 * Raw record storage under the document lifecycle: no controllers, no hooks.
 * The lifecycle runner prepares a record completely (name, timestamps, child
 * rows) and hands it here. Implemented by the embedded SQLite site
 * (src/site/local/); reads and writes are synchronous, a transaction wraps an
 * async body because controllers await the mail context.
 */
export interface RecordStore {
  /**
   * Runs `body` in one transaction: everything it writes lands together or not at all.
   * Nested calls (from inside `body`, in the same async context) become savepoints.
   * With `rollback: true` the outermost transaction is rolled back even on success (dry runs).
   */
  transaction<T>(body: () => Promise<T>, options?: { rollback?: boolean }): Promise<T>;

  /** The stored record with its child rows (Password fields as their `*` mask), or undefined. */
  load(doctype: string, name: string): Doc | undefined;
  exists(doctype: string, name: string): boolean;
  list(doctype: string, args?: ListArgs): Doc[];
  count(doctype: string, filters?: Filters): number;

  /**
   * Writes a new record and its child rows. `doc` carries name, owner, creation, modified,
   * modified_by, docstatus and, on child rows, parent/parentfield/parenttype/idx/name.
   * Password fields: a clear value is encrypted into the auth table and the row keeps a
   * `*` mask of the same length. A name clash is DuplicateEntryError; a unique-field clash
   * is UniqueValidationError.
   */
  insert(doc: Doc): void;

  /**
   * Replaces the stored record and its child rows. When `expectedModified` is given and differs
   * from the stored `modified`, throws TimestampMismatchError with Frappe's message.
   * Password fields: a value made only of `*` keeps the stored secret, an empty value deletes it.
   */
  update(doc: Doc, expectedModified?: string): void;

  /** Removes the record, its child rows and its stored secrets. */
  delete(doctype: string, name: string): void;

  /** `frappe.db.set_value`: direct column update, no lifecycle. Bumps `modified` unless told not to. */
  setValue(doctype: string, name: string, values: Record<string, unknown>, options?: { updateModified?: boolean; modified?: string }): void;

  /** The decrypted secret of a Password field, or undefined when none is stored. */
  getSecret(doctype: string, name: string, fieldname: string): string | undefined;

  /** The next `modified` text: strictly greater than every one this process handed out before. */
  timestamp(): string;

  /** Next number of a naming series (`tabSeries`), starting at 1. */
  nextSeriesValue(prefix: string): number;

  close(): void;
}
