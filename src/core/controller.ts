import type { Doc } from "./doc";
import type { DocumentContext } from "./context";

/**
 * Base of the per-DocType controllers in controllers/. A subclass defines the lifecycle
 * methods it needs, named after Frappe's events (`validate`, `before_save`, `on_update`, ...);
 * the lifecycle runner calls them in Frappe's order and then the registered hooks.
 */
export abstract class Controller<D extends Doc = Doc> {
  before_insert?(): void | Promise<void>;
  before_naming?(): void | Promise<void>;
  /** Sets `this.doc.name`; runs instead of the meta's autoname rule when defined. */
  autoname?(): void | Promise<void>;
  before_validate?(): void | Promise<void>;
  validate?(): void | Promise<void>;
  before_save?(): void | Promise<void>;
  after_insert?(): void | Promise<void>;
  on_update?(): void | Promise<void>;
  on_change?(): void | Promise<void>;
  on_trash?(): void | Promise<void>;
  after_delete?(): void | Promise<void>;

  constructor(
    public doc: D,
    readonly ctx: DocumentContext,
    /** The stored record before this save (Frappe's `get_doc_before_save`); undefined on insert. */
    readonly docBeforeSave?: D,
  ) {}

  isNew(): boolean {
    return this.docBeforeSave === undefined;
  }

  /** Frappe's `has_value_changed`. */
  hasValueChanged(fieldname: string): boolean {
    if (!this.docBeforeSave) return true;
    return JSON.stringify(this.docBeforeSave[fieldname] ?? null) !== JSON.stringify(this.doc[fieldname] ?? null);
  }
}

export type ControllerClass = new (doc: Doc, ctx: DocumentContext, docBeforeSave?: Doc) => Controller;

/** Used for DocTypes without a controller of their own. */
export class PlainController extends Controller {}
