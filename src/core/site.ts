import type { Doc } from "./doc";
import type { MetaRegistry } from "./meta-registry";

/** One condition: `[field, operator, value]` or Frappe's `[doctype, field, operator, value]`. */
export type FilterCondition = [string, string, unknown] | [string, string, string, unknown];
/** Frappe accepts a `{field: value}` / `{field: [op, value]}` object or a list of conditions. */
export type Filters = Record<string, unknown> | FilterCondition[];

export interface ListArgs {
  /** Columns to return; default `["name"]` as Frappe's REST list does; `["*"]` for every column. */
  fields?: string[];
  filters?: Filters;
  /** `"modified desc"`, `"creation asc, name asc"`. Default: the DocType's sort order, else `modified desc`. */
  orderBy?: string;
  /** Rows to return; 0 = all. Default 20, as Frappe's list. */
  limit?: number;
  start?: number;
}

export interface WriteResult {
  doc: Doc;
  /** Non-error messages the lifecycle showed (Frappe's msgprint), e.g. "Defaults Updated". */
  messages: SiteMessage[];
}

/** Frappe's `doc.flags` that callers may set for one write. */
export interface WriteOptions {
  /** Skip the mandatory check (Frappe's `ignore_mandatory`), as the mail engine does for "append to" documents. */
  ignoreMandatory?: boolean;
  /** Skip link validation (Frappe's `ignore_links`). */
  ignoreLinks?: boolean;
  /** Keep the record's given `name` (Frappe's import mode), e.g. when copying records from another site. */
  keepName?: boolean;
  /** Skip live logins in connection tests (the rules that need a password still apply). */
  noConnect?: boolean;
}

export interface FileUpload {
  filename: string;
  content: Buffer | NodeJS.ReadableStream;
  attachedToDoctype?: string;
  attachedToName?: string;
  /** Private files (the default, as Frappe stores mail attachments) are served only to logged-in users. */
  isPrivate?: boolean;
}

export interface SiteMessage {
  message: string;
  title?: string;
  indicator?: string;
}

/**
 * Where records live. The embedded SQLite site and the remote Frappe site both implement this;
 * controllers, fixtures, the mail engine and the CLI only ever see this interface.
 */
export interface Site {
  readonly kind: "local" | "remote";
  /** A label for messages: the file path or the URL (never a secret). */
  readonly label: string;
  readonly meta: MetaRegistry;

  /** One record with its child rows; Password fields masked. DoesNotExistError when missing. */
  get(doctype: string, name: string): Promise<Doc>;
  exists(doctype: string, name: string): Promise<boolean>;
  getList(doctype: string, args?: ListArgs): Promise<Doc[]>;
  count(doctype: string, filters?: Filters): Promise<number>;
  /** Runs the full insert lifecycle. */
  insert(doc: Doc, options?: WriteOptions): Promise<WriteResult>;
  /**
   * Updates a stored record with the fields `doc` carries (REST PUT semantics: absent keys keep
   * their stored value, a Table key replaces the rows) and runs the full save lifecycle. A
   * `modified` that differs from the stored one fails with TimestampMismatchError.
   */
  save(doc: Doc, options?: WriteOptions): Promise<WriteResult>;
  /** `frappe.db.set_value`: writes columns directly, without the lifecycle. */
  setValue(doctype: string, name: string, values: Record<string, unknown>, options?: { updateModified?: boolean }): Promise<void>;
  /** Runs the delete lifecycle. */
  delete(doctype: string, name: string): Promise<void>;
  /** `frappe.client.get_password`: the decrypted secret, AuthenticationError when none is stored. */
  getPassword(doctype: string, name: string, fieldname?: string): Promise<string>;
  /**
   * Frappe's `upload_file`: stores the content and inserts a File record attached to a document.
   * Streams are written through, never held whole in memory.
   */
  uploadFile(upload: FileUpload): Promise<Doc>;
  /** A whitelisted server method by its dotted path, as `/api/method/...`. */
  call(method: string, args?: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

/** A whitelisted server method: what `/api/method/<dotted.path>` runs. */
export type SiteMethod = (site: Site, args: Record<string, unknown>) => Promise<unknown>;
export type MethodTable = Readonly<Record<string, SiteMethod>>;
