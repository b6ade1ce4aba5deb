import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../errors";
import type { DocField, DocTypeMeta } from "../core/meta";
import { scrub } from "../core/meta";
import { MetaRegistry } from "../core/meta-registry";

const PACKAGE_NAME = "frappe-email-account";

let cachedRoot: string | undefined;

/**
 * The folder holding this package's package.json. Code runs from src/ (ts-jest) and from
 * dist/src/ (after a build), so the depth differs: walk up instead of counting "..".
 */
export function packageRoot(): string {
  cachedRoot ??= findPackageRoot(__dirname);
  return cachedRoot;
}

/** The nearest folder at or above `startDir` whose package.json is named frappe-email-account. */
export function findPackageRoot(startDir: string): string {
  let dir = path.resolve(startDir);
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new ConfigError(`Cannot find the ${PACKAGE_NAME} package folder above ${startDir}`);
    dir = parent;
  }
}

/**
 * Reads every `<x>/<x>.json` under `dir` (Frappe's layout: the folder is the scrubbed DocType
 * name) in folder order. Fields come back in `field_order` order, as Frappe stores them when it
 * imports a DocType file; fields missing from `field_order` follow in file order.
 */
export function loadDocTypeFiles(dir: string = path.join(packageRoot(), "doctypes")): DocTypeMeta[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new ConfigError(`Cannot read the DocType folder ${dir}`, { cause: err });
  }
  const metas: DocTypeMeta[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name, `${entry.name}.json`);
    if (!fs.existsSync(file)) continue;
    const meta = parseDocTypeFile(file);
    if (scrub(meta.name) !== entry.name) {
      throw new ConfigError(`${file}: DocType "${meta.name}" belongs in a folder named ${scrub(meta.name)}`);
    }
    metas.push(meta);
  }
  return metas;
}

/** A registry of the shipped DocTypes plus `extra` (an extra meta replaces a shipped one of the same name). */
export function loadMetaRegistry(extra: DocTypeMeta[] = []): MetaRegistry {
  return new MetaRegistry([...loadDocTypeFiles(), ...extra]);
}

function parseDocTypeFile(file: string): DocTypeMeta {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read DocType JSON (${(err as Error).message})`, { cause: err });
  }
  const problem = docTypeProblem(data);
  if (problem !== undefined) throw new ConfigError(`${file}: not a DocType JSON: ${problem}`);
  const meta = data as DocTypeMeta;
  return { ...meta, fields: inFieldOrder(meta.fields, meta.field_order) };
}

function docTypeProblem(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return "the file does not hold an object";
  const meta = data as Record<string, unknown>;
  if (meta.doctype !== "DocType") return `"doctype" is ${JSON.stringify(meta.doctype)}, expected "DocType"`;
  if (typeof meta.name !== "string" || meta.name.trim() === "") return `"name" is missing`;
  if (!Array.isArray(meta.fields)) return `"fields" is not an array`;
  for (const [index, field] of meta.fields.entries()) {
    const f = (typeof field === "object" && field !== null ? field : {}) as Record<string, unknown>;
    if (typeof f.fieldname !== "string" || f.fieldname === "") return `field #${index + 1} has no "fieldname"`;
    if (typeof f.fieldtype !== "string" || f.fieldtype === "") return `field "${f.fieldname}" has no "fieldtype"`;
  }
  if (meta.field_order !== undefined && !(Array.isArray(meta.field_order) && meta.field_order.every((x) => typeof x === "string"))) {
    return `"field_order" is not a list of field names`;
  }
  return undefined;
}

/** Frappe's DocType.prepare_for_import ordering. */
function inFieldOrder(fields: DocField[], order: string[] | undefined): DocField[] {
  if (!order || order.length === 0) return fields;
  const byName = new Map(fields.map((f) => [f.fieldname, f]));
  const ordered = order.flatMap((name) => {
    const field = byName.get(name);
    byName.delete(name);
    return field ? [field] : [];
  });
  return [...ordered, ...fields.filter((f) => byName.has(f.fieldname))];
}

function readPackageName(manifest: string): unknown {
  try {
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}
