import { HookRegistry, type HooksDefinition } from "../src/core/hook-registry";

/**
 * This app's own hooks, the counterpart of Frappe's hooks.py: plain data mapping event
 * names to functions. Developers add theirs with `registry.register({...})` (see README).
 */
export const APP_HOOKS: HooksDefinition = {
  doc_events: {},
  scheduler_events: {},
};

/** A registry holding the app's hooks, ready for a developer's own. */
export function createHookRegistry(): HookRegistry {
  const registry = new HookRegistry();
  registry.register(APP_HOOKS);
  return registry;
}
