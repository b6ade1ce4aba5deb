import { formatDatetime } from "../../core/datetime";
import { cstr, type Doc } from "../../core/doc";
import type { Logger } from "../../core/logger";
import type { Site } from "../../core/site";

/**
 * A row stays `Sending` forever in Frappe when the worker dies mid-send. Rows untouched for
 * `minutes` go back in line (`Partially Sent` when somebody already got it): recipients are
 * marked one by one as the server takes them, so nobody gets a second copy, except the one
 * recipient whose delivery was under way at the crash.
 */
export async function recoverStaleSending(site: Site, now: Date, minutes: number, log: Logger): Promise<number> {
  const before = formatDatetime(new Date(now.getTime() - minutes * 60_000));
  const stale = await site.getList("Email Queue", {
    fields: ["name"],
    filters: [
      ["status", "=", "Sending"],
      ["modified", "<", before],
    ],
    limit: 0,
  });
  for (const { name } of stale) {
    const row = await site.get("Email Queue", String(name));
    const anySent = ((row.recipients as Doc[] | undefined) ?? []).some((recipient) => cstr(recipient.status) === "Sent");
    await site.setValue("Email Queue", String(name), { status: anySent ? "Partially Sent" : "Not Sent" });
    log.warn({ queue: name }, "queue row left in Sending by an interrupted flush: put back in line");
  }
  return stale.length;
}
