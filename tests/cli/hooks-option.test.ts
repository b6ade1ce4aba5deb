import fs from "node:fs";
import path from "node:path";
import { ConfigError, HookError } from "../../src/errors";
import { hookRegistryFor, loadHooksFile } from "../../src/cli/hooks-option";
import { tempDir } from "../helpers/temp-site";

describe("--hooks", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());
  const write = (name: string, text: string) => fs.writeFileSync(path.join(temp.dir, name), text);

  test("a module exporting `hooks` is registered after the app's own", () => {
    write("named.js", 'exports.hooks = { doc_events: { "Email Account": { validate: function mine() {} } } };');
    const registry = hookRegistryFor("named.js", temp.dir);
    expect(registry.handlersFor("Email Account", "validate").map((h) => h.name)).toContain("mine");
  });

  test("a default export, or module.exports itself, works too", () => {
    write("default.js", 'exports.default = { scheduler_events: { daily: function job() {} } };');
    write("plain.js", 'module.exports = { doc_events: { "*": { on_update: function any() {} } } };');
    expect(loadHooksFile("default.js", temp.dir).scheduler_events?.daily).toBeInstanceOf(Function);
    expect(loadHooksFile(path.join(temp.dir, "plain.js"), "/").doc_events?.["*"]).toBeDefined();
  });

  test("no hooks file: only the app's hooks", () => {
    expect(hookRegistryFor(undefined, temp.dir).handlersFor("Email Account", "validate")).toEqual([]);
  });

  test("a module without hooks is a HookError; an unknown event name too", () => {
    write("empty.js", "module.exports = { something: 1 };");
    write("typo.js", 'exports.hooks = { doc_events: { "Email Account": { on_save: () => {} } } };');
    expect(() => loadHooksFile("empty.js", temp.dir)).toThrow(HookError);
    expect(() => hookRegistryFor("typo.js", temp.dir)).toThrow(new HookError('Unknown doc event "on_save" for Email Account'));
  });

  test("a missing or broken file is a ConfigError with one line", () => {
    write("broken.js", "module.exports = {");
    expect(() => loadHooksFile("missing.js", temp.dir)).toThrow(ConfigError);
    expect(() => loadHooksFile("missing.js", temp.dir)).toThrow(/^cannot load hooks from missing.js: Cannot find module/);
    expect(() => loadHooksFile("broken.js", temp.dir)).toThrow(/^cannot load hooks from broken.js: [^\n]+$/);
  });
});
