import { HookRegistry } from "../../src/core/hook-registry";
import type { DocEventHandler, HooksDefinition } from "../../src/core/hook-registry";
import { HookError } from "../../src/errors";

const noop: DocEventHandler = () => undefined;

describe("HookRegistry", () => {
  test("DocType handlers come before '*' handlers, each in registration order", () => {
    const registry = new HookRegistry();
    const star1: DocEventHandler = () => undefined;
    const own1: DocEventHandler = () => undefined;
    const own2: DocEventHandler = () => undefined;
    registry.register({ doc_events: { "*": { validate: star1 } } });
    registry.register({ doc_events: { "Email Account": { validate: [own1, own2] } } });
    expect(registry.handlersFor("Email Account", "validate")).toEqual([own1, own2, star1]);
    expect(registry.handlersFor("Email Domain", "validate")).toEqual([star1]);
    expect(registry.handlersFor("Email Account", "on_update")).toEqual([]);
  });

  test("an unknown doc event name is refused with a coded HookError and registers nothing", () => {
    const registry = new HookRegistry();
    const definition = { doc_events: { "Email Account": { validate: noop, on_save: noop } } } as unknown as HooksDefinition;
    expect(() => registry.register(definition)).toThrow(HookError);
    try {
      registry.register(definition);
    } catch (err) {
      expect((err as HookError).code).toBe("FEA_HOOK");
      expect((err as HookError).message).toBe('Unknown doc event "on_save" for Email Account');
    }
    expect(registry.handlersFor("Email Account", "validate")).toEqual([]);
  });

  test("an unknown scheduler event and a malformed cron expression are refused", () => {
    const registry = new HookRegistry();
    const job = () => undefined;
    expect(() => registry.register({ scheduler_events: { every_minute: job } } as unknown as HooksDefinition)).toThrow(
      'Unknown scheduler event "every_minute"',
    );
    expect(() => registry.register({ scheduler_events: { cron: { "every ten minutes": job } } })).toThrow(HookError);
    expect(registry.scheduledJobs()).toEqual([]);
  });

  test("a handler that is not a function is refused", () => {
    const registry = new HookRegistry();
    const definition = { doc_events: { "*": { validate: "my_app.hooks.validate" } } } as unknown as HooksDefinition;
    expect(() => registry.register(definition)).toThrow("must be a function");
  });

  test("register returns a function that takes back exactly what it registered", () => {
    const registry = new HookRegistry();
    const keep: DocEventHandler = () => undefined;
    const drop: DocEventHandler = () => undefined;
    const job = () => undefined;
    registry.on("Email Account", "on_update", keep);
    const unregister = registry.register({
      doc_events: { "Email Account": { on_update: drop } },
      scheduler_events: { cron: { "0/10 * * * *": job }, daily: job },
    });
    expect(registry.handlersFor("Email Account", "on_update")).toEqual([keep, drop]);
    expect(registry.scheduledJobs()).toEqual([
      { event: "cron", cron: "0/10 * * * *", job },
      { event: "daily", job },
    ]);
    unregister();
    expect(registry.handlersFor("Email Account", "on_update")).toEqual([keep]);
    expect(registry.scheduledJobs()).toEqual([]);
  });
});
