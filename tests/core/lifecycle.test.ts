import type { Doc } from "../../src/core/doc";
import { DOC_EVENTS, type DocEvent } from "../../src/core/doc-events";
import { Controller, type ControllerClass } from "../../src/core/controller";
import { HookRegistry } from "../../src/core/hook-registry";
import { LocalSite } from "../../src/site/local-site";
import { loadMetaRegistry } from "../../src/schema/doctype-loader";
import { openSqliteStore } from "../../src/site/local/sqlite-store";
import { ensureStandardRecords } from "../../src/site/standard-records";
import { LinkValidationError, MandatoryError } from "../../src/errors";
import { tempDir } from "../helpers/temp-site";

/** Builds a site whose ToDo controller records each of its methods, so the order of controller and hooks shows. */
function recordingSite(file: string, trail: string[], extra: Partial<Record<DocEvent, (doc: Doc) => void>> = {}) {
  class RecordingToDo extends Controller {}
  for (const event of DOC_EVENTS.filter((e) => e !== "autoname")) {
    (RecordingToDo.prototype as unknown as Record<string, () => void>)[event] = function (this: Controller) {
      trail.push(`controller:${event}`);
      extra[event]?.(this.doc);
    };
  }
  const hooks = new HookRegistry();
  for (const event of DOC_EVENTS) {
    hooks.on("ToDo", event, () => void trail.push(`ToDo:${event}`));
    hooks.on("*", event, () => void trail.push(`*:${event}`));
  }
  const meta = loadMetaRegistry();
  const store = openSqliteStore({ file, meta });
  ensureStandardRecords(store);
  const controllers = new Map<string, ControllerClass>([["ToDo", RecordingToDo]]);
  return new LocalSite({ store, meta, controllers, hooks, label: file, filesDir: `${file}-files` });
}

const each = (...events: DocEvent[]) => events.flatMap((e) => [`controller:${e}`, `ToDo:${e}`, `*:${e}`]);

describe("document lifecycle", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  test("insert, save and delete run Frappe's order: controller method first, then the DocType's hooks, then '*'", async () => {
    const trail: string[] = [];
    const site = recordingSite(tmp.file, trail);
    const { doc } = await site.insert({ doctype: "ToDo", description: "call back" });
    expect(trail).toEqual([
      ...each("before_insert", "before_naming", "before_validate", "validate", "before_save", "after_insert", "on_update", "on_change"),
    ]);
    trail.length = 0;
    await site.save({ doctype: "ToDo", name: doc.name, description: "call back today" });
    expect(trail).toEqual(each("before_validate", "validate", "before_save", "on_update", "on_change"));
    trail.length = 0;
    await site.delete("ToDo", String(doc.name));
    expect(trail).toEqual(each("on_trash", "on_change", "after_delete"));
    await site.close();
  });

  test("links are checked before any hook runs", async () => {
    const trail: string[] = [];
    const site = recordingSite(tmp.file, trail);
    await expect(site.insert({ doctype: "ToDo", description: "x", allocated_to: "nobody@example.com" })).rejects.toThrow(
      new LinkValidationError("Could not find Allocated To: nobody@example.com"),
    );
    expect(trail).toEqual([]);
    await site.close();
  });

  test("mandatory fields are checked after before_save, so a hook may still fill them", async () => {
    const trail: string[] = [];
    const site = recordingSite(tmp.file, trail, { before_save: (doc) => void (doc.description = "filled by before_save") });
    const { doc } = await site.insert({ doctype: "ToDo" });
    expect(doc.description).toBe("filled by before_save");
    await site.close();

    const strict = recordingSite(tmp.file, []);
    await expect(strict.insert({ doctype: "ToDo" })).rejects.toBeInstanceOf(MandatoryError);
    await strict.close();
  });

  test("fetch_from values are copied before validate runs", async () => {
    const seen: unknown[] = [];
    const hooks = new HookRegistry();
    hooks.on("Email Account", "validate", (doc) => void seen.push(doc.email_server));
    const meta = loadMetaRegistry();
    const store = openSqliteStore({ file: tmp.file, meta });
    const plain = new LocalSite({ store, meta, controllers: new Map(), hooks, label: tmp.file, filesDir: `${tmp.file}-files` });
    await plain.insert({ doctype: "Email Domain", domain_name: "example.org", email_server: "imap.example.org", smtp_server: "smtp.example.org" });
    await plain.insert({ doctype: "Email Account", email_id: "info@example.org", email_account_name: "Info", domain: "example.org", awaiting_password: 1 });
    expect(seen).toEqual(["imap.example.org"]);
    await plain.close();
  });

  test("an error in on_update rolls the whole write back", async () => {
    const site = recordingSite(tmp.file, [], {
      on_update: () => {
        throw new Error("on_update failed");
      },
    });
    await expect(site.insert({ doctype: "ToDo", description: "never stored" })).rejects.toThrow("on_update failed");
    expect(await site.count("ToDo")).toBe(0);
    await site.close();
  });
});
