import type { RunFlags } from "../core/context";
import type { ControllerClass } from "../core/controller";
import type { Doc } from "../core/doc";
import type { HookRegistry } from "../core/hook-registry";
import { DocumentLifecycle } from "../core/lifecycle";
import { type Logger, silentLogger } from "../core/logger";
import { type MailContext, notConfiguredMail } from "../core/mail-context";
import type { MetaRegistry } from "../core/meta-registry";
import type { FileUpload, Filters, ListArgs, MethodTable, Site, WriteOptions, WriteResult } from "../core/site";
import type { RecordStore } from "../core/store";
import { AuthenticationError, DoesNotExistError, FrappeError, isFrappeError } from "../errors";
import { FileStorage } from "./file-storage";
import { callMethod } from "./methods";

export interface LocalSiteOptions {
  store: RecordStore;
  meta: MetaRegistry;
  controllers: ReadonlyMap<string, ControllerClass>;
  hooks: HookRegistry;
  /** Extra whitelisted methods (e.g. the controllers' own, like set_email_password). */
  methods?: MethodTable;
  mail?: MailContext;
  log?: Logger;
  flags?: RunFlags;
  user?: string;
  label: string;
  /** Folder for uploaded files (attachments). */
  filesDir: string;
  now?: () => Date;
}

/** One record's outcome in a dry run (`validate`). */
export interface DryRunResult {
  doctype: string;
  name: string | null;
  valid: boolean;
  errors: Array<{ exc_type: string; message: string }>;
  /** The record after every hook ran; the input as given when it failed. */
  doc: Doc;
}

/** The embedded site: records in one SQLite file, written through Frappe's document lifecycle. */
export class LocalSite implements Site {
  readonly kind = "local" as const;
  readonly label: string;
  readonly meta: MetaRegistry;
  private readonly store: RecordStore;
  private readonly lifecycle: DocumentLifecycle;
  private readonly methods: MethodTable;
  readonly files: FileStorage;

  constructor(options: LocalSiteOptions) {
    this.label = options.label;
    this.meta = options.meta;
    this.store = options.store;
    this.methods = options.methods ?? {};
    this.files = new FileStorage(options.filesDir);
    this.lifecycle = new DocumentLifecycle({
      store: options.store,
      meta: options.meta,
      controllers: options.controllers,
      hooks: options.hooks,
      mail: options.mail ?? notConfiguredMail,
      log: options.log ?? silentLogger,
      now: options.now ?? (() => new Date()),
      user: options.user ?? "Administrator",
      flags: options.flags ?? {},
      site: () => this,
    });
  }

  get(doctype: string, name: string): Promise<Doc> {
    return this.read(() => {
      this.meta.get(doctype);
      const doc = this.store.load(doctype, name);
      if (!doc) throw new DoesNotExistError(`${doctype} ${name} not found`, { doctype, docname: name });
      return doc;
    });
  }

  exists(doctype: string, name: string): Promise<boolean> {
    return this.read(() => this.store.exists(doctype, name));
  }

  getList(doctype: string, args?: ListArgs): Promise<Doc[]> {
    return this.read(() => this.store.list(doctype, args));
  }

  count(doctype: string, filters?: Filters): Promise<number> {
    return this.read(() => this.store.count(doctype, filters));
  }

  insert(doc: Doc, options?: WriteOptions): Promise<WriteResult> {
    return this.lifecycle.insert(doc, options);
  }

  save(doc: Doc, options?: WriteOptions): Promise<WriteResult> {
    return this.lifecycle.save(doc, options);
  }

  delete(doctype: string, name: string): Promise<void> {
    return this.lifecycle.delete(doctype, name);
  }

  setValue(doctype: string, name: string, values: Record<string, unknown>, options?: { updateModified?: boolean }): Promise<void> {
    return this.store.transaction(async () => this.store.setValue(doctype, name, values, options));
  }

  getPassword(doctype: string, name: string, fieldname = "password"): Promise<string> {
    return this.read(() => {
      const secret = this.store.getSecret(doctype, name, fieldname);
      if (secret === undefined) throw new AuthenticationError(`Password not found for ${doctype} ${name} ${fieldname}`);
      return secret;
    });
  }

  async uploadFile(upload: FileUpload): Promise<Doc> {
    const isPrivate = upload.isPrivate ?? true;
    const stored = await this.files.store(upload.filename, upload.content, isPrivate);
    const { doc } = await this.insert({
      doctype: "File",
      file_name: stored.storedName,
      file_url: stored.fileUrl,
      file_size: stored.size,
      content_hash: stored.contentHash,
      is_private: isPrivate ? 1 : 0,
      folder: "Home/Attachments",
      ...(upload.attachedToDoctype ? { attached_to_doctype: upload.attachedToDoctype } : {}),
      ...(upload.attachedToName ? { attached_to_name: upload.attachedToName } : {}),
    });
    return doc;
  }

  call(method: string, args: Record<string, unknown> = {}): Promise<unknown> {
    return callMethod(this, this.methods, method, args);
  }

  /**
   * Runs every record through the full lifecycle, `on_update` included, then rolls all of it back.
   * Records see the ones before them (an Email Domain, then an account that links to it).
   */
  async dryRun(records: Doc[], options: WriteOptions = {}): Promise<DryRunResult[]> {
    return this.store.transaction(
      async () => {
        const results: DryRunResult[] = [];
        for (const record of records) results.push(await this.dryRunOne(record, options));
        return results;
      },
      { rollback: true },
    );
  }

  /** Runs several writes as one: all of them land or none does. */
  transaction<T>(body: () => Promise<T>): Promise<T> {
    return this.store.transaction(body);
  }

  async close(): Promise<void> {
    this.store.close();
  }

  private async dryRunOne(record: Doc, options: WriteOptions): Promise<DryRunResult> {
    const base = { doctype: String(record.doctype ?? ""), name: typeof record.name === "string" ? record.name : null };
    try {
      // Each record in its own savepoint: a failing one leaves no trace for the next.
      const result = await this.store.transaction(async () => {
        const exists = typeof record.name === "string" && this.store.exists(String(record.doctype), record.name);
        return exists ? this.lifecycle.save(record, options) : this.lifecycle.insert(record, options);
      });
      return { ...base, name: String(result.doc.name), valid: true, errors: [], doc: result.doc };
    } catch (err) {
      const error = isFrappeError(err) ? err : new FrappeError("ValidationError", err instanceof Error ? err.message : String(err));
      return { ...base, valid: false, errors: [{ exc_type: error.excType, message: error.message }], doc: record };
    }
  }

  /** Reads wait for a running write transaction, so they never see half of it. */
  private read<T>(body: () => T): Promise<T> {
    return this.store.transaction(async () => body());
  }
}
