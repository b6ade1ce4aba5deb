import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";
import { isUnsettledFailure } from "./unsettled-failure";

interface Written {
  doctype: string;
  name: string;
}

/**
 * What a remote site offers for `transaction`: a Frappe site commits each request by itself, so
 * the scope remembers the records inserted inside it and deletes them again, newest first, when
 * the body fails. A nested scope that succeeds hands its records to the outer one.
 *
 * When the body failed because the site stopped answering (a timeout, a dropped connection,
 * 429/502/503/504 through the retries), the records are kept and handed to the outer scope: the
 * failed write may have landed unseen (it is not in the list), so deleting the ones before it
 * could leave it pointing at nothing, and the deletes would go to the same unanswering site.
 * Callers that run into this repeat their work idempotently (finding what landed by its keys).
 */
export class RemoteWriteScope {
  readonly #scopes = new AsyncLocalStorage<Written[]>();

  constructor(
    private readonly site: Pick<Site, "delete">,
    private readonly log: Logger,
  ) {}

  /** Called by the site after each successful insert. */
  inserted(doctype: string, name: string): void {
    this.#scopes.getStore()?.push({ doctype, name });
  }

  async run<T>(body: () => Promise<T>): Promise<T> {
    const outer = this.#scopes.getStore();
    const written: Written[] = [];
    try {
      const result = await this.#scopes.run(written, body);
      outer?.push(...written);
      return result;
    } catch (err) {
      if (isUnsettledFailure(err)) {
        outer?.push(...written);
        if (written.length > 0) this.log.warn({ kept: written.length }, "the site stopped answering; the records the failed batch had inserted are kept");
        throw err;
      }
      await this.#takeBack(written);
      throw err;
    }
  }

  async #takeBack(written: Written[]): Promise<void> {
    for (const { doctype, name } of [...written].reverse()) {
      try {
        await this.site.delete(doctype, name);
        this.log.info({ doctype, name }, "deleted a record the failed batch had inserted");
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        this.log.error({ doctype, name, reason }, "could not delete a record the failed batch had inserted; delete it by hand");
      }
    }
  }
}
