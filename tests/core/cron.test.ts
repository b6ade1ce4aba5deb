import { nextRun, parseCron } from "../../src/core/cron";
import { HookError } from "../../src/errors";

const at = (text: string) => new Date(text);
const next = (expression: string, after: string) => nextRun(parseCron(expression), at(after));

describe("cron", () => {
  test("Frappe's '0/10 * * * *' runs at :00, :10, ... :50", () => {
    expect([...parseCron("0/10 * * * *").minutes]).toEqual([0, 10, 20, 30, 40, 50]);
    expect(next("0/10 * * * *", "2026-11-27T10:03:00")).toEqual(at("2026-11-27T10:10:00"));
    expect(next("0/10 * * * *", "2026-11-27T10:50:00")).toEqual(at("2026-11-27T11:00:00"));
  });

  test("the next run is strictly after the given time, at a whole minute", () => {
    expect(next("*/4 * * * *", "2026-11-27T10:04:00")).toEqual(at("2026-11-27T10:08:00"));
    expect(next("* * * * *", "2026-11-27T10:04:30.500")).toEqual(at("2026-11-27T10:05:00"));
  });

  test("daily at 00:45 rolls over to the next day, month and year", () => {
    expect(next("45 0 * * *", "2026-11-27T01:00:00")).toEqual(at("2026-11-28T00:45:00"));
    expect(next("45 0 * * *", "2026-12-31T23:59:00")).toEqual(at("2027-01-01T00:45:00"));
  });

  test("ranges, lists, steps in ranges, and Sunday written as 7", () => {
    expect([...parseCron("1-10/3,30 * * * *").minutes]).toEqual([1, 4, 7, 10, 30]);
    expect(next("0 9 * * 7", "2026-11-27T10:00:00")).toEqual(at("2026-11-29T09:00:00")); // Friday -> Sunday
  });

  test("with both day of month and day of week restricted, either matches (as cron does)", () => {
    // 2026-12-01 is a Tuesday; the 15th comes later than the next Monday (2026-11-30).
    expect(next("0 0 15 * 1", "2026-11-27T10:00:00")).toEqual(at("2026-11-30T00:00:00"));
  });

  test("February 30th never happens: a clear error instead of a loop", () => {
    expect(() => next("0 0 30 2 *", "2026-11-27T10:00:00")).toThrow('Invalid cron expression "0 0 30 2 *": it never matches a real date');
  });

  test.each([
    ["every ten minutes", 'expected five fields like "0/10 * * * *"'],
    ["61 * * * *", "61 is outside 0-59 in the minute field"],
    ["* 24 * * *", "24 is outside 0-23 in the hour field"],
    ["*/0 * * * *", '"/0" is not a valid step'],
    ["5-1 * * * *", "the range 5-1 runs backwards"],
  ])("%s is refused: %s", (expression, why) => {
    expect(() => parseCron(expression)).toThrow(new HookError(`Invalid cron expression "${expression}": ${why}`));
  });
});
