import { formatDatetime } from "../core/datetime";
import type { RecordStore } from "../core/store";

/** Users every Frappe site has from its install on; records default their `owner`/`user` to Administrator. */
const STANDARD_USERS = [
  { name: "Administrator", email: "admin@example.com", first_name: "Administrator", full_name: "Administrator", user_type: "System User" },
  { name: "Guest", email: "guest@example.com", first_name: "Guest", full_name: "Guest", user_type: "Website User" },
];

/** The File folders every site has; attachments go into Home/Attachments. */
const STANDARD_FOLDERS = [
  { name: "Home", file_name: "Home", is_home_folder: 1 },
  { name: "Home/Attachments", file_name: "Attachments", folder: "Home", is_attachments_folder: 1 },
];

/** Lays down what a fresh Frappe site has before any app runs (idempotent). */
export function ensureStandardRecords(store: RecordStore): void {
  const stamp = formatDatetime(new Date());
  for (const folder of STANDARD_FOLDERS) {
    if (store.exists("File", folder.name)) continue;
    store.insert({ doctype: "File", ...folder, is_folder: 1, owner: "Administrator", modified_by: "Administrator", creation: stamp, modified: stamp, docstatus: 0, idx: 0 });
  }
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
