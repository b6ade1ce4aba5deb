import BetterSqlite3 from "better-sqlite3";
import { DuplicateEntryError } from "../../../src/errors";
import { AsyncMutex } from "../../../src/site/local/transaction";
import { MetaRegistry } from "../../../src/core/meta-registry";
import { emailAccount, openTestSite, registry, type TestSite } from "./helpers";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("AsyncMutex", () => {
  it("hands the lock out in request order, one holder at a time", async () => {
    const mutex = new AsyncMutex();
    const events: string[] = [];
    const worker = async (id: string) => {
      const release = await mutex.lock();
      events.push(`${id}+`);
      await tick();
      events.push(`${id}-`);
      release();
    };
    await Promise.all([worker("a"), worker("b"), worker("c")]);
    expect(events).toEqual(["a+", "a-", "b+", "b-", "c+", "c-"]);
  });
});

describe("store.transaction()", () => {
  let site: TestSite;
  const accounts = () => site.store.list("Email Account", { orderBy: "name asc", limit: 0 }).map((r) => r.name);
  beforeEach(() => {
    site = openTestSite();
  });
  afterEach(() => site.cleanup());

  it("commits everything the body wrote and returns its value", async () => {
    const value = await site.store.transaction(async () => {
      site.store.insert(emailAccount("One"));
      await tick();
      site.store.insert(emailAccount("Two"));
      return 42;
    });
    expect(value).toBe(42);
    expect(site.reopen().count("Email Account")).toBe(2);
  });

  it("leaves nothing half-written when the body fails after several writes", async () => {
    site.store.insert(emailAccount("Before", { uidnext: 1 }));
    await expect(
      site.store.transaction(async () => {
        site.store.insert(emailAccount("One", { imap_folder: [{ folder_name: "INBOX" }] }));
        site.store.setValue("Email Account", "Before", { uidnext: 99 });
        await tick();
        site.store.insert(emailAccount("Two"));
        site.store.delete("Email Account", "Before");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(accounts()).toEqual(["Before"]);
    expect(site.store.load("Email Account", "Before")?.uidnext).toBe(1);
    expect(site.store.count("IMAP Folder")).toBe(0);
    expect(site.reopen().count("Email Account")).toBe(1);
  });

  it("keeps other connections from seeing the writes until commit", async () => {
    const other = new BetterSqlite3(site.file, { readonly: true });
    try {
      const seen = () => (other.prepare(`SELECT COUNT(*) AS n FROM "tabEmail Account"`).get() as { n: number }).n;
      await site.store.transaction(async () => {
        site.store.insert(emailAccount("Hidden"));
        expect(seen()).toBe(0);
      });
      expect(seen()).toBe(1);
    } finally {
      other.close();
    }
  });

  it("a failing nested transaction rolls back only its own writes when the caller catches", async () => {
    await site.store.transaction(async () => {
      site.store.insert(emailAccount("Outer Before"));
      await expect(
        site.store.transaction(async () => {
          site.store.insert(emailAccount("Inner"));
          await tick();
          site.store.setValue("Email Account", "Outer Before", { uidnext: 7 });
          throw new Error("inner failed");
        }),
      ).rejects.toThrow("inner failed");
      site.store.insert(emailAccount("Outer After"));
    });
    expect(accounts()).toEqual(["Outer After", "Outer Before"]);
    expect(site.store.load("Email Account", "Outer Before")?.uidnext).toBe(0);
  });

  it("a nested transaction that succeeded is rolled back with its failing parent", async () => {
    await expect(
      site.store.transaction(async () => {
        await site.store.transaction(async () => site.store.insert(emailAccount("Inner")));
        throw new Error("outer failed");
      }),
    ).rejects.toThrow("outer failed");
    expect(accounts()).toEqual([]);
  });

  it("a failed write caught inside the body leaves no trace and the rest commits", async () => {
    site.store.insert(emailAccount("Taken"));
    await site.store.transaction(async () => {
      expect(() => site.store.insert(emailAccount("Taken", { imap_folder: [{ folder_name: "X" }] }))).toThrow(DuplicateEntryError);
      site.store.insert(emailAccount("Fresh"));
    });
    expect(accounts()).toEqual(["Fresh", "Taken"]);
    expect(site.store.count("IMAP Folder")).toBe(0);
  });

  it("sibling nested transactions run one after the other, so one's rollback cannot undo the other", async () => {
    const events: string[] = [];
    await site.store.transaction(async () => {
      const failing = site.store.transaction(async () => {
        events.push("a+");
        site.store.insert(emailAccount("Sibling A"));
        await tick();
        events.push("a-");
        throw new Error("a failed");
      });
      const working = site.store.transaction(async () => {
        events.push("b+");
        site.store.insert(emailAccount("Sibling B"));
        await tick();
        events.push("b-");
      });
      const results = await Promise.allSettled([failing, working]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
    });
    expect(events).toEqual(["a+", "a-", "b+", "b-"]);
    expect(accounts()).toEqual(["Sibling B"]);
  });

  it("serialises concurrent top-level transactions: the second waits for the first", async () => {
    const events: string[] = [];
    const first = site.store.transaction(async () => {
      events.push("first+");
      site.store.insert(emailAccount("First"));
      await tick();
      await tick();
      events.push("first-");
    });
    const second = site.store.transaction(async () => {
      events.push("second+");
      events.push(`second sees ${site.store.count("Email Account")}`);
      site.store.insert(emailAccount("Second"));
      events.push("second-");
    });
    await Promise.all([first, second]);
    expect(events).toEqual(["first+", "first-", "second+", "second sees 1", "second-"]);
    expect(accounts()).toEqual(["First", "Second"]);
  });

  it("a failing transaction does not block the next one", async () => {
    const failing = site.store.transaction(async () => {
      site.store.insert(emailAccount("Lost"));
      throw new Error("nope");
    });
    const next = site.store.transaction(async () => site.store.insert(emailAccount("Kept")));
    await expect(failing).rejects.toThrow("nope");
    await next;
    expect(accounts()).toEqual(["Kept"]);
  });

  it("rollback: true is a dry run: the body's value comes back, nothing stays", async () => {
    const result = await site.store.transaction(
      async () => {
        site.store.insert(emailAccount("Dry", { imap_folder: [{ folder_name: "INBOX" }] }));
        await site.store.transaction(async () => site.store.insert(emailAccount("Dry Inner")));
        return site.store.load("Email Account", "Dry")?.name;
      },
      { rollback: true },
    );
    expect(result).toBe("Dry");
    expect(accounts()).toEqual([]);
    expect(site.store.count("IMAP Folder")).toBe(0);
    expect(site.store.nextSeriesValue("X-")).toBe(1);
  });

  it("rollback: true on a nested transaction undoes only that savepoint", async () => {
    await site.store.transaction(async () => {
      site.store.insert(emailAccount("Real"));
      const seen = await site.store.transaction(async () => {
        site.store.insert(emailAccount("Trial"));
        return site.store.count("Email Account");
      }, { rollback: true });
      expect(seen).toBe(2);
    });
    expect(accounts()).toEqual(["Real"]);
  });

  it("a table created for a DocType inside a rolled-back transaction is created again when needed", async () => {
    site.cleanup();
    const meta = new MetaRegistry([registry().get("Email Domain")]);
    site = openTestSite({ meta });
    await expect(
      site.store.transaction(async () => {
        meta.add(registry().get("IMAP Folder"));
        meta.add(registry().get("Email Account"));
        site.store.insert(emailAccount("Inside"));
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    site.store.insert(emailAccount("Outside", { imap_folder: [{ folder_name: "INBOX" }] }));
    expect(accounts()).toEqual(["Outside"]);
  });
});
