import type { Doc } from "../core/doc";
import type { Site, WriteOptions } from "../core/site";
import { TimestampMismatchError } from "../errors";
import { insertMany } from "../site/remote/insert-many";
import { forEachLimited } from "./limited";
import { linkedNames, renameLinks, toRemoteNames } from "./link-names";
import type { RemoteLinks } from "./remote-links";
import { errorEntry, type SyncOutcome } from "./sync-report";
import type { SyncLedger } from "./sync-ledger";

/** Flags a LocalSite as the other side honours (a Frappe site ignores them): no live logins while copying. */
const REMOTE_WRITE: WriteOptions = { noConnect: true };

/** A record to send: its outcome so far (`created` or `updated`), the local record, and what to send (links may still name local records). */
export interface PlannedPush {
  outcome: SyncOutcome;
  local: Doc;
  payload: Doc;
}

export interface SendContext {
  remote: Site;
  ledger: SyncLedger;
  links: RemoteLinks;
  concurrency: number;
}

/**
 * Inserts in waves: a record whose links name another record inserted in this run (a reply and
 * the mail it answers) waits for the wave that inserts that one, so its link can be translated
 * to the name the site gave it.
 */
function waves(inserts: PlannedPush[], ctx: SendContext): PlannedPush[][] {
  const doctype = inserts[0]?.local.doctype;
  const byName = new Map(inserts.map((item) => [String(item.local.name), item]));
  const depth = new Map<PlannedPush, number>();
  const depthOf = (item: PlannedPush, seen: Set<PlannedPush>): number => {
    const known = depth.get(item);
    if (known !== undefined) return known;
    seen.add(item);
    let level = 0;
    for (const name of doctype ? linkedNames(item.payload, ctx.remote.meta, doctype) : []) {
      const parent = byName.get(name);
      if (parent && parent !== item && !seen.has(parent)) level = Math.max(level, depthOf(parent, seen) + 1);
    }
    depth.set(item, level);
    return level;
  };
  const grouped: PlannedPush[][] = [];
  for (const item of inserts) (grouped[depthOf(item, new Set())] ??= []).push(item);
  return grouped.filter((group) => group !== undefined);
}

/** The payload as the site must see it: links translated to its names, timeline rows to records it lacks left out. */
async function ready(item: PlannedPush, ctx: SendContext): Promise<Doc> {
  return ctx.links.withoutMissingTargets(renameLinks(item.payload, ctx.remote.meta, toRemoteNames(ctx.ledger)));
}

function remember(ctx: SendContext, item: PlannedPush, stored: Doc): void {
  item.outcome.remoteName = String(stored.name);
  ctx.ledger.set(item.local.doctype, item.outcome.name, { remoteName: String(stored.name), remoteModified: String(stored.modified), localModified: String(item.local.modified) });
}

/** Sends one DocType's planned records: inserts (concurrently, in waves), then updates. Outcomes are settled in place. */
export async function sendPushes(planned: PlannedPush[], ctx: SendContext): Promise<void> {
  for (const wave of waves(planned.filter((item) => item.outcome.status === "created"), ctx)) {
    await ctx.links.prefetch(wave.map((item) => renameLinks(item.payload, ctx.remote.meta, toRemoteNames(ctx.ledger))));
    const payloads: Doc[] = [];
    for (const item of wave) payloads.push(await ready(item, ctx));
    const results = await insertMany(ctx.remote, payloads, { concurrency: ctx.concurrency, writeOptions: REMOTE_WRITE });
    results.forEach((result, index) => {
      const item = wave[index] as PlannedPush;
      if (result.status === "inserted") remember(ctx, item, result.result.doc);
      else Object.assign(item.outcome, { status: "failed", error: errorEntry(result.error) });
    });
  }
  await forEachLimited(
    planned.filter((item) => item.outcome.status === "updated"),
    ctx.concurrency,
    async (item) => {
      try {
        const { doc } = await ctx.remote.save(await ready(item, ctx), REMOTE_WRITE);
        remember(ctx, item, doc);
      } catch (err) {
        // The site saw a change made after our read: a conflict, not a failure.
        Object.assign(item.outcome, { status: err instanceof TimestampMismatchError ? "conflict" : "failed", error: errorEntry(err) });
      }
    },
  );
}
