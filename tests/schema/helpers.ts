import * as fs from "node:fs";
import * as path from "node:path";
import type { DocTypeMeta } from "../../src/core/meta";
import { MetaRegistry } from "../../src/core/meta-registry";

const REFERENCE_ROOT = path.join(__dirname, "..", "data", "reference-doctypes");

/**
 * Folders of whole, untouched upstream DocType JSON files (Frappe v15.55.1) in the repo's test
 * data; the `*digest*` folders hold reduced extracts of GPL files and are left out.
 */
export const REFERENCE_DIRS = fs
  .readdirSync(REFERENCE_ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.includes("digest"))
  .map((entry) => path.join(REFERENCE_ROOT, entry.name));
/** Our own DocType files, doctypes/<x>/<x>.json. */
export const REPO_DOCTYPES_DIR = path.join(__dirname, "..", "..", "doctypes");

export function readMetaFile(file: string): DocTypeMeta {
  return JSON.parse(fs.readFileSync(file, "utf8")) as DocTypeMeta;
}

export function referenceFiles(): string[] {
  return REFERENCE_DIRS.flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => path.join(dir, f)),
  );
}

export function repoDoctypeFiles(): string[] {
  return fs
    .readdirSync(REPO_DOCTYPES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(REPO_DOCTYPES_DIR, entry.name, `${entry.name}.json`))
    .filter((file) => fs.existsSync(file));
}

/** The Frappe reference metas (Email Account, IMAP Folder, Communication, ...) by DocType name. */
export function referenceRegistry(): MetaRegistry {
  const registry = new MetaRegistry();
  for (const meta of referenceFiles().map(readMetaFile)) if (!registry.has(meta.name)) registry.add(meta);
  return registry;
}

export function loadJson<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, relative), "utf8")) as T;
}
