import { formatDatetime } from "../core/datetime";
import type { RecordStore } from "../core/store";

/** Users every Frappe site has from its install on; records default their `owner`/`user` to Administrator. */
const STANDARD_USERS = [
  { name: "Administrator", email: "admin@example.com", first_name: "Administrator", full_name: "Administrator", user_type: "System User" },
  { name: "Guest", email: "guest@example.com", first_name: "Guest", full_name: "Guest", user_type: "Website User" },
];

/** Lays down what a fresh Frappe site has before any app runs (idempotent). */
export function ensureStandardRecords(store: RecordStore): void {
  const stamp = formatDatetime(new Date());
  for (const user of STANDARD_USERS) {
    if (store.exists("User", user.name)) continue;
    store.insert({
      doctype: "User",
      ...user,
      enabled: 1,
      owner: "Administrator",
      modified_by: "Administrator",
      creation: stamp,
      modified: stamp,
      docstatus: 0,
      idx: 0,
    });
  }
}
