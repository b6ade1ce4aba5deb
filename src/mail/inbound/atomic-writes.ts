import type { Site } from "../../core/site";
import type { Logger } from "../../core/logger";

/** A site that can make several writes atomic (the embedded site's `transaction`). */
interface TransactionalSite extends Site {
  transaction<T>(body: () => Promise<T>): Promise<T>;
}

function isTransactional(site: Site): site is TransactionalSite {
  return "transaction" in site && typeof (site as Partial<TransactionalSite>).transaction === "function";
}

/** Records written so far for one mail, to take back on a site without transactions. */
export class WrittenRecords {
  private readonly records: Array<{ doctype: string; name: string }> = [];

  add(doctype: string, name: string): void {
    this.records.push({ doctype, name });
  }

  /** Deletes them newest first; a delete that fails is logged (the write that failed is reported anyway). */
  async undo(site: Site, log: Logger): Promise<void> {
    for (const record of this.records.splice(0).reverse()) {
      try {
        await site.delete(record.doctype, record.name);
      } catch (err) {
        log.warn({ doctype: record.doctype, name: record.name, err: err instanceof Error ? err.message : String(err) }, "could not undo a record of a failed mail");
      }
    }
  }
}

/**
 * Runs one mail's writes so that a failure leaves nothing half-written: inside `site.transaction`
 * where the site has one (the embedded site), else by deleting what was written (a remote site).
 */
export async function writeAtomically<T>(site: Site, log: Logger, body: (written: WrittenRecords) => Promise<T>): Promise<T> {
  const written = new WrittenRecords();
  if (isTransactional(site)) return site.transaction(() => body(written));
  try {
    return await body(written);
  } catch (err) {
    await written.undo(site, log);
    throw err;
  }
}
