import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { updateDeliveryStatus } from "./delivery-status";
import { withTransaction } from "./with-transaction";

/**
 * Frappe's `retry_sending` (Email Queue list action): rows in `Error` go back to `Not Sent` for the
 * next flush, e.g. once the account's password is fixed. The refusals recorded on their recipients
 * are cleared so those addresses are tried again; recipients already sent are never mailed twice.
 * Returns the rows put back in line.
 */
export async function retrySending(site: Site, names: readonly string[]): Promise<string[]> {
  const requeued: string[] = [];
  for (const name of names) {
    const done = await withTransaction(site, async () => {
      if (!(await site.exists("Email Queue", name))) return false;
      const row = await site.get("Email Queue", name);
      if (cstr(row.status) !== "Error") return false;
      for (const recipient of (row.recipients as Doc[] | undefined) ?? []) {
        if (cstr(recipient.status) !== "Sent" && cstr(recipient.error)) {
          await site.setValue("Email Queue Recipient", String(recipient.name), { error: null });
        }
      }
      await site.setValue("Email Queue", name, { status: "Not Sent" });
      await updateDeliveryStatus(site, cstr(row.communication));
      return true;
    });
    if (done) requeued.push(name);
  }
  return requeued;
}
