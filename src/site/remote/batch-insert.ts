import type { Doc } from "../../core/doc";
import type { SiteMessage, WriteResult } from "../../core/site";
import { isFrappeError } from "../../errors";
import type { InsertOutcome } from "./insert-many";
import { isUnsettledFailure } from "./unsettled-failure";

/** frappe.client.insert_many refuses more than this many docs in one request (frappe/client.py, v15). */
export const MAX_BATCH_SIZE = 200;
export const DEFAULT_BATCH_SIZE = 100;

export interface BatchInsertOptions {
  /** Batches in flight at once. Default 4; keep it at or below the client's connections (`maxSockets`). */
  concurrency?: number;
  /** Docs per `frappe.client.insert_many` request, 1..200. Default 100. */
  batchSize?: number;
}

/** What sending one batch gives back: a name per doc sent, in order; `found` are docs a lost answer had stored. */
export interface BatchAnswer {
  names: string[];
  messages: SiteMessage[];
  found: Map<Doc, Doc>;
  resent: Doc[];
}

/** What the batched path needs from the site; RemoteSite provides it. */
export interface BatchTransport {
  /**
   * Sends `docs` through frappe.client.insert_many. After a lost answer it looks each doc up by its
   * natural key and sends again only the missing ones (`found`, `resent`).
   */
  sendBatch(docs: Doc[]): Promise<BatchAnswer>;
  /** One record on its own, with the site's full answer (the fallback for a refused batch). */
  insertOne(doc: Doc): Promise<WriteResult>;
  /** After a resend: keep the oldest copy should the first one have landed late. */
  keepOldestCopy(doc: Doc, ours: Doc): Promise<Doc>;
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/**
 * A site's verdict on the batch (a 4xx such as Frappe's 417 for one invalid doc, which rolls the
 * whole request back): the docs are then sent one by one so the good ones land and the bad one
 * gets its own error. Not for unsettled failures (the batch may have landed) nor 401/403 (every
 * single insert would be refused the same way).
 */
function refusedBatch(err: unknown): boolean {
  if (!isFrappeError(err) || isUnsettledFailure(err)) return false;
  return err.httpStatus >= 400 && err.httpStatus < 500 && err.httpStatus !== 401 && err.httpStatus !== 403;
}

async function insertBatch(transport: BatchTransport, docs: Doc[]): Promise<InsertOutcome[]> {
  let answer: BatchAnswer;
  try {
    answer = await transport.sendBatch(docs);
  } catch (err) {
    if (!refusedBatch(err)) return docs.map((doc) => ({ status: "failed", doc, error: asError(err) }));
    const outcomes: InsertOutcome[] = [];
    for (const doc of docs) {
      try {
        outcomes.push({ status: "inserted", doc, result: await transport.insertOne(doc) });
      } catch (single) {
        outcomes.push({ status: "failed", doc, error: asError(single) });
      }
    }
    return outcomes;
  }
  const sent = docs.filter((doc) => !answer.found.has(doc));
  const names = new Map(sent.map((doc, i) => [doc, answer.names[i] as string]));
  const resent = new Set(answer.resent);
  const outcomes: InsertOutcome[] = [];
  for (const [i, doc] of docs.entries()) {
    const messages = i === 0 ? answer.messages : [];
    const found = answer.found.get(doc);
    // The site answers names only: the outcome carries the doc as sent, under its stored name.
    let stored = found ?? { ...doc, name: names.get(doc) };
    if (!found && resent.has(doc)) stored = await transport.keepOldestCopy(doc, stored);
    outcomes.push({ status: "inserted", doc, result: { doc: stored, messages } });
  }
  return outcomes;
}

/**
 * Inserts `docs` in batches of `batchSize` through frappe.client.insert_many, at most `concurrency`
 * batches in flight; each outcome at its doc's input position. A batch the site refuses is retried
 * doc by doc; a batch whose answer was lost is completed without inserting any doc twice.
 */
export async function insertInBatches(transport: BatchTransport, docs: Doc[], options: BatchInsertOptions = {}): Promise<InsertOutcome[]> {
  const size = Math.min(MAX_BATCH_SIZE, Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE)));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const starts = Array.from({ length: Math.ceil(docs.length / size) }, (_, i) => i * size);
  const outcomes: InsertOutcome[] = new Array(docs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < starts.length) {
      const start = starts[next++] as number;
      const batch = docs.slice(start, start + size);
      (await insertBatch(transport, batch)).forEach((outcome, i) => (outcomes[start + i] = outcome));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, starts.length) }, worker));
  return outcomes;
}
