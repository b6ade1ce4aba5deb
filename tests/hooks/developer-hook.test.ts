import fs from "node:fs";
import path from "node:path";
import { createHookRegistry } from "../../hooks";
import { openLocalSite } from "../../src/open-site";
import { tempDir } from "../helpers/temp-site";
import { errorOutput, jsonOf, runCli } from "../cli/run-cli";

/** A developer's hooks module, written the way the README shows: plain data mapping events to functions. */
const HOOKS_MODULE = `
exports.hooks = {
  doc_events: {
    "Email Account": {
      validate: (doc) => {
        if (String(doc.email_id).endsWith("@gmail.com")) throw new Error("use the company domain, not " + doc.email_id);
      },
      before_save: (doc) => {
        if (!doc.signature) { doc.add_signature = 1; doc.signature = "-- " + doc.email_account_name; }
      },
    },
  },
};
`;

describe("a developer's hook, added without touching the core", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    fs.writeFileSync(path.join(tmp.dir, "my-hooks.js"), HOOKS_MODULE);
    fs.writeFileSync(path.join(tmp.dir, "gmail.json"), JSON.stringify({ doctype: "Email Account", email_id: "me@gmail.com", awaiting_password: 1 }));
    fs.writeFileSync(path.join(tmp.dir, "company.json"), JSON.stringify({ doctype: "Email Account", email_id: "desk@example.com", awaiting_password: 1 }));
  });
  afterEach(() => tmp.cleanup());

  test("--hooks FILE: the hook refuses a record and fills a field of another, through the normal insert", async () => {
    const refused = await runCli(["--hooks", "my-hooks.js", "insert", "gmail.json"], { cwd: tmp.dir });
    expect(refused.code).toBe(1);
    expect(errorOutput(refused)).toContain("use the company domain, not me@gmail.com");

    const accepted = await runCli(["--hooks", "my-hooks.js", "insert", "company.json"], { cwd: tmp.dir });
    expect(accepted.code).toBe(0);
    const shown = await runCli(["get", "Email Account", "Desk", "--json"], { cwd: tmp.dir });
    expect(jsonOf(shown)).toMatchObject({ add_signature: 1, signature: "-- Desk" });
    expect(jsonOf(await runCli(["list", "Email Account", "--json"], { cwd: tmp.dir }))).toEqual([{ name: "Desk" }]);
  });

  test("in code: register() on the app's registry, and the returned function takes it back", async () => {
    const registry = createHookRegistry();
    const seen: string[] = [];
    const unregister = registry.register({ doc_events: { "*": { on_update: (doc) => void seen.push(`${doc.doctype}:${doc.name}`) } } });
    const site = openLocalSite({ file: tmp.file, hooks: registry });
    await site.insert({ doctype: "Email Account", email_id: "desk@example.com", awaiting_password: 1 });
    unregister();
    await site.insert({ doctype: "Email Account", email_id: "sales@example.com", awaiting_password: 1 });
    await site.close();
    expect(seen).toEqual(["Email Account:Desk"]);
  });
});
