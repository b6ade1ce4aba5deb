import type { Site } from "../../core/site";

interface TransactionalSite {
  transaction<T>(body: () => Promise<T>): Promise<T>;
}

function isTransactional(site: Site): site is Site & TransactionalSite {
  return "transaction" in site && typeof (site as Partial<TransactionalSite>).transaction === "function";
}

/**
 * Runs `body` as one transaction when the site offers it (the embedded site), so a mail's records
 * and the cursor past it land together; on a site without transactions the writes happen in order
 * and the code relies on them being idempotent (dedup absorbs a mail fetched twice).
 */
export function inSiteTransaction<T>(site: Site, body: () => Promise<T>): Promise<T> {
  return isTransactional(site) ? site.transaction(body) : body();
}
