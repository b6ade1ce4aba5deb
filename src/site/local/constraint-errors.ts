import { bold, DuplicateEntryError, UniqueValidationError } from "../../errors";
import type { TableLayout } from "./table-layout";

const UNIQUE_FAILED = "UNIQUE constraint failed: ";

/**
 * Turns SQLite's unique-constraint failure into Frappe's error (base_document.py `db_insert`):
 * a clash on `name` is DuplicateEntryError "{doctype} <strong>{name}</strong> already exists",
 * a clash on a unique field is UniqueValidationError "{label} must be unique". Anything else is
 * returned unchanged. The database message names columns only, never values.
 */
export function mapConstraintError(err: unknown, layout: TableLayout, name: string): unknown {
  // Duck-typed on purpose: under jest, better-sqlite3's errors come from another realm and fail `instanceof Error`.
  const message = (err as { message?: unknown } | null)?.message;
  if (typeof message !== "string" || !message.startsWith(UNIQUE_FAILED)) return err;
  const prefix = `${layout.table}.`;
  const columns = message
    .slice(UNIQUE_FAILED.length)
    .split(", ")
    .map((qualified) => (qualified.startsWith(prefix) ? qualified.slice(prefix.length) : qualified));
  const options = { doctype: layout.doctype, docname: name, cause: err };
  if (columns.includes("name")) {
    return new DuplicateEntryError(`${layout.doctype} ${bold(name)} already exists`, { ...options, title: "Duplicate Name" });
  }
  const fieldname = columns[0] ?? "";
  const label = layout.byName.get(fieldname)?.field?.label || fieldname;
  return new UniqueValidationError(`${label} must be unique`, { ...options, field: fieldname });
}

/**
 * Runs a write and rethrows a constraint failure as Frappe's error. SQLite may report a unique
 * field before the primary key; MariaDB reports the key first, so when `nameTaken` says the name
 * is already used, the clash is the duplicate name.
 */
export function withConstraintErrors<T>(layout: TableLayout, name: string, write: () => T, nameTaken?: () => boolean): T {
  try {
    return write();
  } catch (err) {
    const mapped = mapConstraintError(err, layout, name);
    if (mapped instanceof UniqueValidationError && nameTaken?.()) {
      throw new DuplicateEntryError(`${layout.doctype} ${bold(name)} already exists`, {
        doctype: layout.doctype,
        docname: name,
        title: "Duplicate Name",
        cause: err,
      });
    }
    throw mapped;
  }
}
