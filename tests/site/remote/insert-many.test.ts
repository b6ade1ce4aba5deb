import { setTimeout as sleep } from "node:timers/promises";
import type { Doc } from "../../../src/core/doc";
import type { Site, WriteResult } from "../../../src/core/site";
import { ValidationError } from "../../../src/errors";
import { insertMany } from "../../../src/site/remote/insert-many";

/** Only `insert` is used by insertMany: a recording stand-in that takes a little time per record. */
function recordingSite(failOn: string) {
  let inFlight = 0;
  let maxInFlight = 0;
  const site = {
    async insert(doc: Doc): Promise<WriteResult> {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(5 + (Number(doc.n) % 3));
      inFlight--;
      if (doc.description === failOn) throw new ValidationError("refused");
      return { doc: { ...doc, name: `n${String(doc.n)}` }, messages: [] };
    },
  } as unknown as Site;
  return { site, maxInFlight: () => maxInFlight };
}

describe("insertMany", () => {
  const docs: Doc[] = Array.from({ length: 20 }, (_, n) => ({ doctype: "ToDo", n, description: `d${n}` }));

  test("never has more than `concurrency` inserts in flight, and uses that many", async () => {
    const { site, maxInFlight } = recordingSite("none");
    await insertMany(site, docs, { concurrency: 3 });
    expect(maxInFlight()).toBe(3);
  });

  test("outcomes keep the input order; a failure does not stop the others", async () => {
    const { site } = recordingSite("d7");
    const outcomes = await insertMany(site, docs, { concurrency: 4 });
    expect(outcomes.map((o) => o.status)).toEqual(docs.map((d) => (d.description === "d7" ? "failed" : "inserted")));
    const failed = outcomes[7];
    expect(failed?.status === "failed" && failed.error).toBeInstanceOf(ValidationError);
    const first = outcomes[0];
    expect(first?.status === "inserted" && first.result.doc.name).toBe("n0");
  });

  test("an empty batch does nothing", async () => {
    const { site, maxInFlight } = recordingSite("none");
    expect(await insertMany(site, [], { concurrency: 4 })).toEqual([]);
    expect(maxInFlight()).toBe(0);
  });
});
