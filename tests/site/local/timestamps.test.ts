import { createTimestampSource } from "../../../src/site/local";

const FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;

describe("createTimestampSource", () => {
  it("writes Frappe's local-time text with microseconds from the milliseconds", () => {
    const at = new Date(2026, 10, 27, 12, 1, 2, 566);
    const next = createTimestampSource(() => at);
    expect(next()).toBe("2026-11-27 12:01:02.566000");
  });

  it("still increases when the clock stands still", () => {
    const at = new Date(2026, 10, 27, 12, 1, 2, 566);
    const next = createTimestampSource(() => at);
    expect([next(), next(), next()]).toEqual(["2026-11-27 12:01:02.566000", "2026-11-27 12:01:02.566001", "2026-11-27 12:01:02.566002"]);
  });

  it("never goes back when the clock does", () => {
    let at = new Date(2026, 10, 27, 12, 0, 0, 500);
    const next = createTimestampSource(() => at);
    const first = next();
    at = new Date(2026, 10, 27, 11, 59, 59, 0);
    expect(next() > first).toBe(true);
  });

  it("on the real clock, many calls in a row all differ and increase, across sources of one process", () => {
    const a = createTimestampSource();
    const b = createTimestampSource();
    const stamps = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? a() : b()));
    for (const stamp of stamps) expect(stamp).toMatch(FORMAT);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
  });
});
