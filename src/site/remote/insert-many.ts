import type { Doc } from "../../core/doc";
import type { Site, WriteOptions, WriteResult } from "../../core/site";

export interface InsertManyOptions {
  /** Inserts in flight at once. Default 4; keep it at or below the client's connections (`maxSockets`). */
  concurrency?: number;
  writeOptions?: WriteOptions;
}

/** One record's outcome, at its input position: a failure does not stop the others. */
export type InsertOutcome = { status: "inserted"; doc: Doc; result: WriteResult } | { status: "failed"; doc: Doc; error: Error };

/**
 * Inserts `docs` with at most `concurrency` requests in flight, over the site's kept-alive
 * connections. Each insert is the site's own (on a remote site: retried, and looked up by its
 * natural key before being sent again), so a batch can be run again after a crash.
 */
export async function insertMany(site: Site, docs: Doc[], options: InsertManyOptions = {}): Promise<InsertOutcome[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const outcomes: InsertOutcome[] = new Array(docs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < docs.length) {
      const index = next++;
      const doc = docs[index] as Doc;
      try {
        outcomes[index] = { status: "inserted", doc, result: await site.insert(doc, options.writeOptions) };
      } catch (err) {
        outcomes[index] = { status: "failed", doc, error: err instanceof Error ? err : new Error(String(err)) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, docs.length) }, worker));
  return outcomes;
}
