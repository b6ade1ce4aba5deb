import { cstr } from "../../core/doc";
import type { Site } from "../../core/site";

/**
 * S20 (`Communication.set_delivery_status`): a Sent Communication follows its queue rows — any
 * row waiting or sending: `Sending`; else any in error: `Error`; else any expired: `Expired`; else
 * any sent: `Sent`. A Partially Sent row alone changes nothing.
 */
export function deliveryStatusOf(statuses: readonly string[]): string | undefined {
  const has = (status: string) => statuses.includes(status);
  if (has("Not Sent") || has("Sending")) return "Sending";
  if (has("Error")) return "Error";
  if (has("Expired")) return "Expired";
  if (has("Sent")) return "Sent";
  return undefined;
}

export async function updateDeliveryStatus(site: Site, communication: string | null | undefined): Promise<void> {
  if (!communication || !(await site.exists("Communication", communication))) return;
  const record = await site.get("Communication", communication);
  if (cstr(record.sent_or_received) === "Received") return;
  const rows = await site.getList("Email Queue", { fields: ["status"], filters: { communication }, limit: 0 });
  const status = deliveryStatusOf(rows.map((row) => cstr(row.status)));
  if (status && status !== cstr(record.delivery_status)) await site.setValue("Communication", communication, { delivery_status: status });
}
