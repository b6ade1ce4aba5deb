import { type Logger, silentLogger } from "../../core/logger";
import type { FrappeWebhookEvent } from "./webhook-events";

/** An Email Account that changed on the remote site, as its webhook reported it. */
export interface AccountChange {
  /** The Email Account's name. */
  name: string;
  /** The Frappe event that reported it. */
  event: FrappeWebhookEvent;
  /** True for `on_trash`: the account is being deleted there. */
  removed: boolean;
  /** When the webhook arrived. */
  at: Date;
}

export type AccountChangeListener = (change: AccountChange) => void | Promise<void>;

/** What a mail engine offers to pick up a changed account without a restart. */
export interface AccountReloader {
  reloadAccount(name: string): void | Promise<void>;
}

/** How many changes `recent()` keeps: enough to see what happened lately, bounded for a long-running serve. */
export const RECENT_ACCOUNT_CHANGES = 100;

/**
 * Where the webhook receiver announces changed Email Accounts. A mail engine running in the same process
 * subscribes with `onAccountChanged`; with no subscriber the change is still logged and kept in `recent()`.
 */
export class AccountChanges {
  private readonly listeners = new Set<AccountChangeListener>();
  private readonly changes: AccountChange[] = [];
  private readonly log: Logger;

  constructor(options: { log?: Logger } = {}) {
    this.log = (options.log ?? silentLogger).child({ component: "account-changes" });
  }

  /** Calls `listener` for every change from now on; returns the function that unsubscribes it. */
  onAccountChanged(listener: AccountChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Records the change and tells every listener, waiting for them. A listener that fails is logged and the
   * others still run: the change already happened on the remote site, so there is nothing to refuse.
   */
  async notify(change: AccountChange): Promise<void> {
    this.changes.push(change);
    if (this.changes.length > RECENT_ACCOUNT_CHANGES) this.changes.shift();
    this.log.info({ account: change.name, event: change.event, removed: change.removed, listeners: this.listeners.size }, "Email Account changed on the remote site");
    for (const listener of [...this.listeners]) {
      try {
        await listener(change);
      } catch (err) {
        this.log.error({ account: change.name, error: err instanceof Error ? err.message : String(err) }, "account-changed listener failed");
      }
    }
  }

  /** The latest changes, oldest first. */
  recent(): AccountChange[] {
    return [...this.changes];
  }
}

/** Wires a mail engine's account reload to the changes; returns the function that unwires it. */
export function reloadAccountsOnChange(changes: AccountChanges, engine: AccountReloader): () => void {
  return changes.onAccountChanged((change) => engine.reloadAccount(change.name));
}
