import { formatDatetime } from "../core/datetime";
import type { Logger } from "../core/logger";
import type { Site } from "../core/site";

/** Frappe's Log Settings default: Email Queue rows and Unhandled Emails are kept 30 days after their last change. */
export const LOG_RETENTION_DAYS = 30;

const PURGED = ["Email Queue", "Unhandled Email"] as const;

/**
 * J5: deletes Email Queue rows (with their recipients) and Unhandled Emails not modified for
 * `days` days. Returns how many of each were deleted.
 */
export async function purgeOldLogs(site: Site, options: { now: Date; log: Logger; days?: number; signal?: AbortSignal }): Promise<Record<string, number>> {
  const cutoff = new Date(options.now.getTime() - (options.days ?? LOG_RETENTION_DAYS) * 24 * 3600 * 1000);
  const deleted: Record<string, number> = {};
  for (const doctype of PURGED) {
    const rows = await site.getList(doctype, { fields: ["name"], filters: [["modified", "<", formatDatetime(cutoff)]], limit: 0 });
    deleted[doctype] = 0;
    for (const row of rows) {
      if (options.signal?.aborted) break;
      await site.delete(doctype, String(row.name));
      deleted[doctype] += 1;
    }
  }
  options.log.info({ deleted, cutoff: formatDatetime(cutoff) }, "old mail logs purged");
  return deleted;
}
