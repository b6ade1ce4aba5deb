import type { Database, Statement } from "better-sqlite3";
import type { PasswordVault } from "./password-vault";
import type { SqlValue } from "./sql";
import { toSqlValue } from "./value-coercion";

/** Frappe's `is_dummy_password`: a value made only of `*` stands for the stored secret. */
export function isPasswordMask(value: unknown): boolean {
  return typeof value === "string" && /^\*+$/.test(value);
}

/**
 * The `__Auth` table (frappe/utils/password.py): one encrypted secret per (doctype, name, fieldname).
 * Record rows only ever hold a `*` mask of the secret's length.
 */
export class AuthTable {
  private readonly upsert: Statement;
  private readonly select: Statement;
  private readonly removeOne: Statement;
  private readonly removeAll: Statement;

  constructor(db: Database, private readonly vault: PasswordVault) {
    this.upsert = db.prepare(
      `INSERT INTO "__Auth" ("doctype", "name", "fieldname", "password", "encrypted") VALUES (?, ?, ?, ?, 1)
       ON CONFLICT ("doctype", "name", "fieldname") DO UPDATE SET "password" = excluded."password", "encrypted" = 1`,
    );
    this.select = db.prepare(`SELECT "password" FROM "__Auth" WHERE "doctype" = ? AND "name" = ? AND "fieldname" = ?`);
    this.removeOne = db.prepare(`DELETE FROM "__Auth" WHERE "doctype" = ? AND "name" = ? AND "fieldname" = ?`);
    this.removeAll = db.prepare(`DELETE FROM "__Auth" WHERE "doctype" = ? AND "name" = ?`);
  }

  get(doctype: string, name: string, fieldname: string): string | undefined {
    const row = this.select.get(doctype, name, fieldname) as { password: string } | undefined;
    return row ? this.vault.decrypt(row.password) : undefined;
  }

  removeRecord(doctype: string, name: string): void {
    this.removeAll.run(doctype, name);
  }

  /**
   * Frappe's `_save_passwords` for one field; returns what the record's row keeps. A clear value is
   * encrypted and masked; a mask keeps the stored secret (and the row's current mask, when it has
   * one); an empty value removes the secret.
   */
  apply(doctype: string, name: string, fieldname: string, value: unknown, rowNow?: SqlValue): SqlValue {
    if (value === undefined || value === null || value === "") {
      this.removeOne.run(doctype, name, fieldname);
      return toSqlValue(value);
    }
    if (isPasswordMask(value)) return rowNow ?? (value as string);
    const clear = String(value);
    this.upsert.run(doctype, name, fieldname, this.vault.encrypt(clear));
    return "*".repeat(clear.length);
  }
}
