import type { Doc } from "../../../src/core/doc";
import type { ListArgs } from "../../../src/core/site";
import { loadMetaRegistry } from "../../../src/schema/doctype-loader";
import { stableOrderBy, walkPages } from "../../../src/site/remote/list-pages";

const meta = loadMetaRegistry();

describe("stableOrderBy", () => {
  test("adds name as a tie-breaker to the asked order, unless it already sorts by name", () => {
    expect(stableOrderBy("ToDo", "modified desc", meta)).toBe("modified desc, name asc");
    expect(stableOrderBy("ToDo", "name desc", meta)).toBe("name desc");
    expect(stableOrderBy("ToDo", "creation asc, `name` asc", meta)).toBe("creation asc, `name` asc");
    expect(stableOrderBy("ToDo", "email_account_name asc", meta)).toBe("email_account_name asc, name asc");
  });

  test("without an order, starts from the DocType's sort order, else modified desc", () => {
    const sorted = meta.all().find((m) => typeof m.sort_field === "string" && m.sort_field !== "" && !m.sort_field.includes(","));
    if (sorted) expect(stableOrderBy(sorted.name, undefined, meta)).toBe(`${String(sorted.sort_field)} ${String(sorted.sort_order ?? "desc")}, name asc`);
    expect(stableOrderBy("Not A DocType", undefined, meta)).toBe("modified desc, name asc");
  });
});

describe("walkPages", () => {
  const rows: Doc[] = Array.from({ length: 45 }, (_, i) => ({ doctype: "ToDo", name: `t${String(i).padStart(2, "0")}` }));
  const pages: Array<{ limit: number; start: number; orderBy?: string }> = [];
  const fetchPage = async (page: ListArgs & { limit: number; start: number }) => {
    pages.push({ limit: page.limit, start: page.start, ...(page.orderBy ? { orderBy: page.orderBy } : {}) });
    return rows.slice(page.start, page.start + page.limit);
  };

  beforeEach(() => {
    pages.length = 0;
  });

  test("reads page after page until a short page, with a stable order", async () => {
    const all = await walkPages("ToDo", { orderBy: "modified desc" }, 20, meta, fetchPage);
    expect(all).toEqual(rows);
    expect(pages).toEqual([
      { limit: 20, start: 0, orderBy: "modified desc, name asc" },
      { limit: 20, start: 20, orderBy: "modified desc, name asc" },
      { limit: 20, start: 40, orderBy: "modified desc, name asc" },
    ]);
  });

  test("an exact multiple of the page size ends with one empty page; `start` is honoured", async () => {
    expect(await walkPages("ToDo", { start: 5 }, 20, meta, fetchPage)).toEqual(rows.slice(5));
    expect(pages.map((p) => p.start)).toEqual([5, 25, 45]);
  });
});
