import { createRequire } from "node:module";
import path from "node:path";
import type { HookRegistry, HooksDefinition } from "../core/hook-registry";
import { ConfigError, HookError } from "../errors";
import { createHookRegistry } from "../../hooks";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The module's `hooks` export, else its default export (`module.exports = {...}` or `export default`). */
function pickDefinition(loaded: unknown, file: string): HooksDefinition {
  const exports = isObject(loaded) ? loaded : {};
  const candidate = exports.hooks ?? (isObject(exports.default) ? exports.default : loaded);
  if (!isObject(candidate) || !("doc_events" in candidate || "scheduler_events" in candidate)) {
    throw new HookError(`${file} must export "hooks" (an object with doc_events and/or scheduler_events) or a default export of that shape`);
  }
  return candidate as HooksDefinition;
}

/** Loads a developer's hooks module (plain JavaScript, like a hooks.py) from `file`. */
export function loadHooksFile(file: string, cwd: string): HooksDefinition {
  const absolute = path.resolve(cwd, file);
  // A real require, not the bundler's or jest's: the module is the developer's, outside this package.
  const requireModule = createRequire(path.join(cwd, "__hooks_loader__.js"));
  let loaded: unknown;
  try {
    loaded = requireModule(absolute);
  } catch (err) {
    throw new ConfigError(`cannot load hooks from ${file}: ${(err as Error).message.split("\n")[0] ?? ""}`, { cause: err });
  }
  return pickDefinition(loaded, file);
}

/** The app's hooks, plus the developer's from `--hooks` when given. */
export function hookRegistryFor(file: string | undefined, cwd: string): HookRegistry {
  const registry = createHookRegistry();
  if (file !== undefined) registry.register(loadHooksFile(file, cwd));
  return registry;
}
