export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from "./sqlite-store";
export { createPasswordVault, type PasswordVault } from "./password-vault";
export { isPasswordMask } from "./auth-table";
export { buildTableLayout, type ColumnDef, type ColumnKind, type TableLayout } from "./table-layout";
export { createTimestampSource } from "./timestamps";
export { FILTER_OPERATORS } from "./filters";
