import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Doc } from "../../../src/core/doc";
import type { DocTypeMeta } from "../../../src/core/meta";
import type { MetaRegistry } from "../../../src/core/meta-registry";
import { loadMetaRegistry } from "../../../src/schema/doctype-loader";
import { openSqliteStore, type SqliteStore } from "../../../src/site/local";

/** The shipped DocTypes (Frappe's own JSON, field_order respected), optionally with replacements. */
export function registry(extra: DocTypeMeta[] = []): MetaRegistry {
  return loadMetaRegistry(extra);
}

/** A copy of a shipped DocType's meta, for tests that change it. */
export function shippedMeta(doctype: string): DocTypeMeta {
  return structuredClone(registry().get(doctype));
}

export interface TestSite {
  dir: string;
  file: string;
  store: SqliteStore;
  /** Closes the current store and opens the same file again (optionally with other metas). */
  reopen(meta?: MetaRegistry): SqliteStore;
  cleanup(): void;
}

/** A real SQLite site file in a fresh temporary folder. */
export function openTestSite(options: { meta?: MetaRegistry; now?: () => Date; keyFile?: string } = {}): TestSite {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fea-sqlite-"));
  const file = path.join(dir, "site.sqlite");
  const open = (meta: MetaRegistry) =>
    openSqliteStore({ file, meta, ...(options.keyFile ? { keyFile: options.keyFile } : {}), ...(options.now ? { now: options.now } : {}) });
  const site: TestSite = {
    dir,
    file,
    store: open(options.meta ?? registry()),
    reopen(meta) {
      site.store.close();
      site.store = open(meta ?? registry());
      return site.store;
    },
    cleanup() {
      site.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return site;
}

let counter = 0;

/** An Email Account record as the lifecycle hands it to the store (name and timestamps set). */
export function emailAccount(name: string, extra: Partial<Doc> = {}): Doc {
  counter += 1;
  const stamp = `2026-11-27 12:01:02.${String(100000 + counter).padStart(6, "0")}`;
  return {
    doctype: "Email Account",
    name,
    owner: "Administrator",
    creation: stamp,
    modified: stamp,
    modified_by: "Administrator",
    docstatus: 0,
    idx: 0,
    email_account_name: name,
    email_id: `${name.toLowerCase().replace(/\s+/g, ".")}@capture.example.test`,
    auth_method: "Basic",
    service: "",
    awaiting_password: 1,
    imap_folder: [],
    ...extra,
  };
}
