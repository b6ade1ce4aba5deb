import { DoesNotExistError, InputError, TimestampMismatchError } from "../errors";
import { applyDefaults, coerceTypes, validateRecord } from "../schema";
import type { DocumentContext, RunFlags } from "./context";
import { type ControllerClass, type Controller, PlainController } from "./controller";
import { cloneDoc, type Doc } from "./doc";
import type { DocEvent } from "./doc-events";
import type { HookRegistry } from "./hook-registry";
import { assertNotLinked, validateLinksAndFetch } from "./links";
import type { Logger } from "./logger";
import type { MailContext } from "./mail-context";
import { isTableField, type DocTypeMeta } from "./meta";
import type { MetaRegistry } from "./meta-registry";
import { autonameError, makeAutoname, randomHash } from "./naming";
import type { Site, SiteMessage, WriteOptions, WriteResult } from "./site";
import type { RecordStore } from "./store";

export interface LifecycleDeps {
  store: RecordStore;
  meta: MetaRegistry;
  controllers: ReadonlyMap<string, ControllerClass>;
  hooks: HookRegistry;
  mail: MailContext;
  log: Logger;
  now: () => Date;
  user: string;
  flags: RunFlags;
  /** The site controllers see as `ctx.site` (the one this lifecycle runs for). */
  site: () => Site;
}

/**
 * Runs insert, save and delete in Frappe's order (frappe/model/document.py), each inside one
 * store transaction, so an error anywhere, `on_update` included, leaves nothing written:
 *
 *   insert: [coerce, defaults, links + fetch_from] -> before_insert -> before_naming -> autoname
 *           -> before_validate -> validate -> before_save -> [mandatory, select, email, length]
 *           -> write -> after_insert -> on_update -> on_change
 *   save:   [links + fetch_from] -> before_validate -> validate -> before_save -> [checks] -> write
 *           -> on_update -> on_change
 *   delete: on_trash -> on_change -> [linked records check] -> write -> after_delete
 *
 * After each controller method the registered doc_events run: the DocType's, then "*".
 */
export class DocumentLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  insert(input: Doc, options: WriteOptions = {}): Promise<WriteResult> {
    return this.deps.store.transaction(async () => {
      const meta = this.parentMeta(input.doctype);
      const doc = this.prepare(meta, input);
      applyDefaults(meta, doc, { getMeta: (name) => this.deps.meta.get(name), now: this.deps.now(), user: this.deps.user });
      doc.owner = this.deps.user;
      doc.docstatus = 0;
      if (!options.ignoreLinks) validateLinksAndFetch(doc, meta, this.deps.meta, this.deps.store);

      const messages: SiteMessage[] = [];
      const controller = this.controllerFor(doc, messages, options);
      await this.run(controller, "before_insert");
      await this.run(controller, "before_naming");
      await this.name(meta, controller, options);
      await this.runBeforeSave(controller);
      this.check(meta, controller.doc, options);

      const stamp = this.deps.store.timestamp();
      Object.assign(controller.doc, { creation: stamp, modified: stamp, modified_by: this.deps.user });
      this.setChildColumns(meta, controller.doc);
      this.deps.store.insert(controller.doc);

      await this.run(controller, "after_insert");
      await this.run(controller, "on_update");
      await this.run(controller, "on_change");
      return { doc: this.reload(controller.doc), messages };
    });
  }

  save(input: Doc, options: WriteOptions = {}): Promise<WriteResult> {
    return this.deps.store.transaction(async () => {
      const meta = this.parentMeta(input.doctype);
      if (!input.name) throw new InputError(`Cannot save a ${meta.name} without a name; insert it instead`);
      const stored = this.deps.store.load(meta.name, input.name);
      if (!stored) throw new DoesNotExistError(`${meta.name} ${input.name} not found`, { doctype: meta.name, docname: input.name });
      if (typeof input.modified === "string" && input.modified !== stored.modified) {
        // As Frappe's check_if_latest, the second stamp is this save's own (the capture shows it so).
        throw new TimestampMismatchError(
          `Error: Document has been modified after you have opened it (${String(stored.modified)}, ${this.deps.store.timestamp()}). ` +
            "Please refresh to get the latest document.",
          { doctype: meta.name, docname: input.name },
        );
      }
      const doc = this.prepare(meta, { ...stored, ...input, name: stored.name, creation: stored.creation, owner: stored.owner });
      this.defaultNewChildRows(meta, doc);
      if (!options.ignoreLinks) validateLinksAndFetch(doc, meta, this.deps.meta, this.deps.store);

      const messages: SiteMessage[] = [];
      const controller = this.controllerFor(doc, messages, options, stored);
      await this.runBeforeSave(controller);
      this.check(meta, controller.doc, options);

      Object.assign(controller.doc, { modified: this.deps.store.timestamp(), modified_by: this.deps.user });
      this.setChildColumns(meta, controller.doc);
      this.deps.store.update(controller.doc, String(stored.modified));

      await this.run(controller, "on_update");
      await this.run(controller, "on_change");
      return { doc: this.reload(controller.doc), messages };
    });
  }

  delete(doctype: string, name: string): Promise<void> {
    return this.deps.store.transaction(async () => {
      const meta = this.parentMeta(doctype);
      const stored = this.deps.store.load(meta.name, name);
      if (!stored) throw new DoesNotExistError(`${meta.name} ${name} not found`, { doctype: meta.name, docname: name });
      const controller = this.controllerFor(stored, [], {}, cloneDoc(stored));
      await this.run(controller, "on_trash");
      await this.run(controller, "on_change");
      assertNotLinked(meta.name, name, this.deps.meta, this.deps.store);
      this.deps.store.delete(meta.name, name);
      await this.run(controller, "after_delete");
    });
  }

  /** The controller method for `event`, then the hooks registered for it. */
  private async run(controller: Controller, event: DocEvent): Promise<void> {
    const method = controller[event];
    if (typeof method === "function") await method.call(controller);
    for (const handler of this.deps.hooks.handlersFor(controller.doc.doctype, event)) {
      await handler(controller.doc, event, controller.ctx);
    }
  }

  private async runBeforeSave(controller: Controller): Promise<void> {
    await this.run(controller, "before_validate");
    await this.run(controller, "validate");
    await this.run(controller, "before_save");
  }

  /** Frappe's set_new_name: the controller's autoname, else the meta's rule, else a random hash. */
  private async name(meta: DocTypeMeta, controller: Controller, options: WriteOptions): Promise<void> {
    const doc = controller.doc;
    // A given name is kept only for DocTypes named by prompt and for imported records (naming.py set_new_name).
    if (options.keepName || (meta.autoname ?? "").toLowerCase() === "prompt") {
      if (doc.name) return;
    } else {
      delete doc.name;
    }
    if (controller.autoname) await this.run(controller, "autoname");
    if (!doc.name) {
      doc.name = makeAutoname(meta, doc, {
        nextSeries: (prefix) => this.deps.store.nextSeriesValue(prefix),
        now: this.deps.now(),
        randomHash: () => randomHash(),
      });
    }
    if (!doc.name) {
      // Frappe's messages where a rule cannot name the record; any other DocType falls back to a hash.
      const error = autonameError(meta);
      if (error) throw error;
      doc.name = randomHash();
    }
  }

  /** Frappe's `_validate`: mandatory (after before_save, so hooks may fill fields), selects, e-mail fields, lengths. */
  private check(meta: DocTypeMeta, doc: Doc, options: WriteOptions): void {
    coerceTypes(meta, doc, { getMeta: (name) => this.deps.meta.get(name) });
    const [first] = validateRecord(meta, doc, {
      getMeta: (name) => this.deps.meta.get(name),
      ignoreMandatory: options.ignoreMandatory === true,
    });
    if (first) throw first;
  }

  private parentMeta(doctype: unknown): DocTypeMeta {
    if (typeof doctype !== "string" || doctype === "") throw new InputError("A record needs a `doctype`");
    const meta = this.deps.meta.get(doctype);
    if (meta.istable) throw new InputError(`${doctype} is a child table: write its rows through their parent record`);
    return meta;
  }

  /** A private copy with types coerced as the site stores them (a bad value is a DataError naming the field). */
  private prepare(meta: DocTypeMeta, input: Doc): Doc {
    const doc = cloneDoc(input);
    coerceTypes(meta, doc, { getMeta: (name) => this.deps.meta.get(name) });
    return doc;
  }

  /** On save, rows without a name are new: they get their DocType's defaults like an insert would. */
  private defaultNewChildRows(meta: DocTypeMeta, doc: Doc): void {
    for (const table of meta.fields.filter(isTableField)) {
      const rows = doc[table.fieldname];
      if (!Array.isArray(rows) || !table.options) continue;
      const childMeta = this.deps.meta.get(table.options);
      for (const row of rows as Doc[]) {
        if (!row.name) applyDefaults(childMeta, row, { getMeta: (name) => this.deps.meta.get(name), now: this.deps.now(), user: this.deps.user });
      }
    }
  }

  /** Frappe's `set_parent_in_children`: parent, parentfield, parenttype, idx and a name on every row. */
  private setChildColumns(meta: DocTypeMeta, doc: Doc): void {
    for (const table of meta.fields.filter(isTableField)) {
      const rows = doc[table.fieldname];
      if (!Array.isArray(rows)) continue;
      (rows as Doc[]).forEach((row, index) => {
        Object.assign(row, {
          doctype: table.options,
          name: row.name || randomHash(),
          parent: doc.name,
          parentfield: table.fieldname,
          parenttype: meta.name,
          idx: index + 1,
          owner: row.owner ?? doc.owner,
          creation: row.creation ?? doc.modified,
          modified: doc.modified,
          modified_by: doc.modified_by,
          docstatus: doc.docstatus ?? 0,
        });
      });
    }
  }

  private reload(doc: Doc): Doc {
    return this.deps.store.load(doc.doctype, String(doc.name)) ?? doc;
  }

  private controllerFor(doc: Doc, messages: SiteMessage[], options: WriteOptions, before?: Doc): Controller {
    const Controller = this.deps.controllers.get(doc.doctype) ?? PlainController;
    const ctx: DocumentContext = {
      site: this.deps.site(),
      meta: this.deps.meta,
      mail: this.deps.mail,
      log: this.deps.log.child({ doctype: doc.doctype }),
      flags: { ...this.deps.flags, ...(options.noConnect ? { noConnect: true } : {}) },
      user: this.deps.user,
      now: this.deps.now,
      msgprint: (message, extra = {}) => messages.push({ message, ...extra }),
    };
    return new Controller(doc, ctx, before);
  }
}
