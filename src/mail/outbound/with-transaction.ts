import type { Site } from "../../core/site";

type TransactionalSite = Site & { transaction<T>(body: () => Promise<T>): Promise<T> };

/**
 * Several writes as one where the site can (the embedded site's `transaction`); a remote site
 * has no transactions, so callers keep each step idempotent.
 */
export function withTransaction<T>(site: Site, body: () => Promise<T>): Promise<T> {
  const candidate = site as Partial<TransactionalSite>;
  return typeof candidate.transaction === "function" ? (site as TransactionalSite).transaction(body) : body();
}
