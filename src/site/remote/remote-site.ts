import type { FrappeApp } from "frappe-js-sdk";
import type { Doc } from "../../core/doc";
import { silentLogger } from "../../core/logger";
import type { MetaRegistry } from "../../core/meta-registry";
import type { FileUpload, Filters, ListArgs, Site, WriteOptions, WriteResult } from "../../core/site";
import { ConfigError, InputError, ServerError } from "../../errors";
import type { DryRunResult } from "../local-site";
import { saveLanded } from "./landed-check";
import { FRAPPE_PAGE_LENGTH, walkPages } from "./list-pages";
import { type BatchAnswer, type BatchInsertOptions, insertInBatches } from "./batch-insert";
import { insertMany, type InsertManyOptions, type InsertOutcome } from "./insert-many";
import { findStoredRecord, keepOldestCopy, naturalKeyFilters } from "./natural-key";
import { type AmbiguityPolicy, RemoteClient, type RemoteClientOptions } from "./remote-client";
import { RemoteWriteScope } from "./remote-write-scope";
import { uploadThrough } from "./remote-upload";

export interface RemoteSiteOptions extends RemoteClientOptions {
  /** This app's DocTypes (`loadMetaRegistry()`): controllers validate against them before sending. */
  meta: MetaRegistry;
  /** Rows per request when a list is read whole (`limit: 0`). Default 500. */
  pageSize?: number;
}

/** Whitelisted methods that only read: safe to repeat after any transient failure. */
const READ_METHODS: ReadonlySet<string> = new Set([
  "frappe.client.get",
  "frappe.client.get_list",
  "frappe.client.get_count",
  "frappe.client.get_value",
  "frappe.client.get_single_value",
  "frappe.client.get_password",
  "frappe.auth.get_logged_user",
]);

const segment = encodeURIComponent;

function resourcePath(doctype: string, name?: string): string {
  return `/api/resource/${segment(doctype)}${name === undefined ? "" : `/${segment(name)}`}`;
}

/**
 * A running Frappe (v15) site as a `Site`, over its REST API through frappe-js-sdk. The site runs
 * its own controllers and hooks; this side adds deadlines, retries, typed errors and writes that
 * do not land twice. `WriteOptions` flags have no REST equivalent and are not sent: the site
 * applies its own rules. `setValue` is `frappe.client.set_value`, which saves through the lifecycle.
 */
export class RemoteSite implements Site {
  readonly kind = "remote" as const;
  readonly label: string;
  readonly meta: MetaRegistry;
  readonly #client: RemoteClient;
  readonly #pageSize: number;
  readonly #writes: RemoteWriteScope;

  constructor(options: RemoteSiteOptions) {
    this.#client = new RemoteClient(options);
    this.label = this.#client.url;
    this.meta = options.meta;
    this.#pageSize = Math.max(1, options.pageSize ?? 500);
    this.#writes = new RemoteWriteScope(this, options.log ?? silentLogger);
  }

  async get(doctype: string, name: string): Promise<Doc> {
    const { value } = await this.#client.send(
      { method: "GET", path: resourcePath(doctype, name), doctype, docname: name, notFoundMessage: `${doctype} ${name} not found` },
      (app) => app.db().getDoc(segment(doctype), name),
    );
    return this.#record(value, doctype, "GET", resourcePath(doctype, name));
  }

  async exists(doctype: string, name: string): Promise<boolean> {
    return (await this.count(doctype, { name })) > 0;
  }

  async getList(doctype: string, args: ListArgs = {}): Promise<Doc[]> {
    const limit = args.limit ?? FRAPPE_PAGE_LENGTH;
    if (limit > 0) return this.#page(doctype, { ...args, limit, start: args.start ?? 0 });
    return walkPages(doctype, args, this.#pageSize, this.meta, (page) => this.#page(doctype, page));
  }

  async #page(doctype: string, args: ListArgs & { limit: number; start: number }): Promise<Doc[]> {
    const path = "/api/method/frappe.client.get_list";
    const params = {
      doctype,
      ...(args.fields ? { fields: args.fields } : {}),
      ...(args.filters ? { filters: args.filters } : {}),
      ...(args.orderBy ? { order_by: args.orderBy } : {}),
      limit_page_length: args.limit,
      limit_start: args.start,
    };
    const { value } = await this.#client.send({ method: "POST", path, doctype }, (app) => app.call().post<{ message: unknown }>("frappe.client.get_list", params));
    const rows = value.message;
    if (!Array.isArray(rows)) throw this.#unexpected("POST", path);
    return rows as Doc[];
  }

  async count(doctype: string, filters?: Filters): Promise<number> {
    const path = "/api/method/frappe.client.get_count";
    const { value } = await this.#client.send({ method: "GET", path, doctype }, (app) => app.db().getCount(doctype, filters as never));
    if (typeof value !== "number") throw this.#unexpected("GET", path);
    return value;
  }

  /**
   * Inserts through the site's lifecycle. When the answer is lost after the site may have stored
   * the record (timeout, dropped connection, 502/504), the record is looked up by its natural key
   * (waiting up to one more timeout for a request still running) before sending it again; a record
   * without a natural key is not sent again (the error says so).
   */
  async insert(doc: Doc, _options?: WriteOptions): Promise<WriteResult> {
    const path = resourcePath(doc.doctype);
    const ambiguity: AmbiguityPolicy<unknown> = naturalKeyFilters(doc, this.meta)
      ? async () => {
          const stored = await findStoredRecord(this, doc);
          return stored ? { landed: stored } : undefined;
        }
      : "fail";
    const answer = await this.#client.send({ method: "POST", path, doctype: doc.doctype, ambiguity }, (app) => app.db().createDoc(segment(doc.doctype), doc));
    let stored = this.#record(answer.value, doc.doctype, "POST", path);
    if (answer.resentAfterLostAnswer) stored = await keepOldestCopy(this, doc, stored);
    this.#writes.inserted(doc.doctype, String(stored.name));
    return { doc: stored, messages: answer.messages };
  }

  /**
   * Many inserts, each outcome at its input position: in batches of `batchSize` (default 100, at
   * most 200) through frappe.client.insert_many, `concurrency` batches in flight. With
   * `batchSize: 1` each record is inserted on its own (and its outcome holds the stored record, not
   * only the doc as sent under its new name).
   */
  insertMany(docs: Doc[], options: InsertManyOptions & BatchInsertOptions = {}): Promise<InsertOutcome[]> {
    if (options.batchSize === 1) return insertMany(this, docs, options);
    return insertInBatches(
      { sendBatch: (batch) => this.#sendBatch(batch), insertOne: (doc) => this.insert(doc), keepOldestCopy: (doc, ours) => keepOldestCopy(this, doc, ours) },
      docs,
      options,
    );
  }

  /**
   * One frappe.client.insert_many request. After a lost answer each doc is looked up by its natural
   * key; the attempt that follows sends only the docs not found (all of them, a Frappe request being
   * one transaction, unless some were stored before). A batch with a doc that has no natural key
   * is not sent again.
   */
  async #sendBatch(docs: Doc[]): Promise<BatchAnswer> {
    const path = "/api/method/frappe.client.insert_many";
    const found = new Map<Doc, Doc>();
    let pending = docs;
    let resent: Doc[] = [];
    const keyed = docs.every((doc) => naturalKeyFilters(doc, this.meta));
    const ambiguity: AmbiguityPolicy<{ message: unknown }> = keyed
      ? async () => {
          for (const doc of pending) {
            const stored = await findStoredRecord(this, doc);
            if (stored) found.set(doc, stored);
          }
          pending = pending.filter((doc) => !found.has(doc));
          resent = pending;
          return pending.length === 0 ? { landed: { message: [] } } : undefined;
        }
      : "fail";
    const answer = await this.#client.send({ method: "POST", path, ambiguity }, (app) =>
      app.call().post<{ message: unknown }>("frappe.client.insert_many", { docs: pending }),
    );
    const names = answer.value.message;
    if (!Array.isArray(names) || names.length !== pending.length) throw this.#unexpected("POST", path);
    const sent = docs.filter((doc) => !found.has(doc));
    for (const [i, doc] of sent.entries()) this.#writes.inserted(doc.doctype, String(names[i]));
    for (const [doc, stored] of found) this.#writes.inserted(doc.doctype, String(stored.name));
    return { names: names.map(String), messages: answer.messages, found, resent: answer.resentAfterLostAnswer ? resent : [] };
  }

  /**
   * PUT with the fields `doc` carries. With `modified`, the site refuses a stale save
   * (TimestampMismatchError) instead of overwriting a concurrent change; after a lost answer the
   * stored record is compared before sending again, so our own landed save is not reported stale.
   */
  async save(doc: Doc, _options?: WriteOptions): Promise<WriteResult> {
    const name = typeof doc.name === "string" && doc.name !== "" ? doc.name : undefined;
    if (!name) throw new InputError(`save needs the name of the ${doc.doctype} to update`);
    const path = resourcePath(doc.doctype, name);
    const ambiguity: AmbiguityPolicy<unknown> = doc.modified
      ? async () => {
          const stored = await this.get(doc.doctype, name);
          return saveLanded(doc, stored, this.meta) ? { landed: stored } : undefined;
        }
      : "repeat";
    const { value, messages } = await this.#client.send(
      { method: "PUT", path, doctype: doc.doctype, docname: name, notFoundMessage: `${doc.doctype} ${name} not found`, ambiguity },
      (app) => app.db().updateDoc(segment(doc.doctype), name, doc),
    );
    return { doc: this.#record(value, doc.doctype, "PUT", path), messages };
  }

  async setValue(doctype: string, name: string, values: Record<string, unknown>, _options?: { updateModified?: boolean }): Promise<void> {
    const path = "/api/method/frappe.client.set_value";
    await this.#client.send({ method: "POST", path, doctype, docname: name, notFoundMessage: `${doctype} ${name} not found` }, (app) =>
      app.db().setValue(doctype, name, values),
    );
  }

  async delete(doctype: string, name: string): Promise<void> {
    const path = resourcePath(doctype, name);
    // A delete whose answer was lost has landed when the record is gone.
    const ambiguity: AmbiguityPolicy<unknown> = async () => ((await this.exists(doctype, name)) ? undefined : { landed: "ok" });
    await this.#client.send({ method: "DELETE", path, doctype, docname: name, notFoundMessage: `${doctype} ${name} not found`, ambiguity }, (app) =>
      app.db().deleteDoc(segment(doctype), name),
    );
  }

  async getPassword(doctype: string, name: string, fieldname = "password"): Promise<string> {
    const path = "/api/method/frappe.client.get_password";
    const { value } = await this.#client.send({ method: "GET", path, doctype, docname: name }, (app) =>
      app.call().get<{ message: unknown }>("frappe.client.get_password", { doctype, name, fieldname }),
    );
    if (typeof value.message !== "string") throw this.#unexpected("GET", path);
    return value.message;
  }

  async uploadFile(upload: FileUpload): Promise<Doc> {
    const doc = this.#record(await uploadThrough(this.#client, this, upload), "File", "POST", "/api/method/upload_file");
    // A File is a record like any other: a failed transaction deletes it too (a site whose delete
    // does not take the attachments along would keep it otherwise).
    if (typeof doc.name === "string") this.#writes.inserted("File", doc.name);
    return doc;
  }

  /** `/api/method/<method>`: reads by GET and repeated freely; anything else by POST, repeated only when it surely did not run. */
  async call(method: string, args: Record<string, unknown> = {}): Promise<unknown> {
    const path = `/api/method/${method}`;
    const read = READ_METHODS.has(method);
    const run = (app: FrappeApp) => (read ? app.call().get<{ message?: unknown }>(method, args) : app.call().post<{ message?: unknown }>(method, args));
    const { value } = await this.#client.send({ method: read ? "GET" : "POST", path, ambiguity: read ? "repeat" : "fail" }, run);
    return typeof value === "object" && value !== null ? value.message : undefined;
  }

  /**
   * Runs `body`; a Frappe site commits every request on its own, so when `body` fails the records
   * it inserted are deleted again (newest first) to leave the site as it was. Saves cannot be taken back.
   * When it failed because the site stopped answering, the records are kept (see RemoteWriteScope).
   */
  transaction<T>(body: () => Promise<T>): Promise<T> {
    return this.#writes.run(body);
  }

  /** A Frappe site has no dry run over REST: `validate` needs a local site. */
  async dryRun(_records: Doc[], _options?: WriteOptions): Promise<DryRunResult[]> {
    throw new ConfigError(`a dry run writes and rolls back, which a remote site (${this.label}) cannot do over its REST API; validate against a local site file`);
  }

  async close(): Promise<void> {
    this.#client.close();
  }

  #record(value: unknown, doctype: string, method: string, path: string): Doc {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw this.#unexpected(method, path);
    const doc = value as Doc;
    return doc.doctype ? doc : { ...doc, doctype };
  }

  #unexpected(method: string, path: string): ServerError {
    return new ServerError(`${method} ${this.label}${path} answered something that is not Frappe's JSON (is the URL a Frappe site?)`);
  }
}
