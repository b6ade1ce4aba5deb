import { cstr } from "../../core/doc";
import type { Site } from "../../core/site";
import { bareAddress } from "./addresses";

/**
 * S7: addresses that left this document's conversation, or all mail, per Frappe's Email Unsubscribe
 * records (lower-cased). A site without that DocType has nobody unsubscribed.
 */
export async function unsubscribedAddresses(
  site: Site,
  addresses: readonly string[],
  referenceDoctype: string | undefined,
  referenceName: string | undefined,
): Promise<Set<string>> {
  const emails = [...new Set(addresses.map((entry) => bareAddress(entry)).filter((entry) => entry !== ""))];
  if (emails.length === 0 || !site.meta.has("Email Unsubscribe")) return new Set();
  const rows = await site.getList("Email Unsubscribe", {
    fields: ["email", "reference_doctype", "reference_name", "global_unsubscribe"],
    filters: [["email", "in", emails]],
    limit: 0,
  });
  const matching = rows.filter(
    (row) =>
      Number(row.global_unsubscribe) === 1 ||
      (cstr(row.reference_doctype) === cstr(referenceDoctype) && cstr(row.reference_name) === cstr(referenceName)),
  );
  return new Set(matching.map((row) => cstr(row.email).toLowerCase()));
}
