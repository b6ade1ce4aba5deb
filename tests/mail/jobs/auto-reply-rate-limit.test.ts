import { formatDatetime } from "../../../src/core/datetime";
import { autoReplyCutoff, isRateLimited } from "../../../src/mail/jobs/auto-reply-rate-limit";
import { parseSiteDatetime } from "../../../src/mail/jobs/site-datetime";

const now = new Date(2026, 2, 10, 12, 0, 0);
const hoursAgo = (hours: number) => formatDatetime(new Date(now.getTime() - hours * 3_600_000));

describe("auto-reply rate limit decisions", () => {
  test("no earlier auto-reply: a reply may go", () => {
    expect(isRateLimited(undefined, now, 24)).toBe(false);
  });

  test("an auto-reply within the interval blocks the next one", () => {
    expect(isRateLimited(hoursAgo(0), now, 24)).toBe(true);
    expect(isRateLimited(hoursAgo(23.9), now, 24)).toBe(true);
  });

  test("one older than the interval (or exactly at its edge) does not", () => {
    expect(isRateLimited(hoursAgo(24), now, 24)).toBe(false);
    expect(isRateLimited(hoursAgo(30), now, 24)).toBe(false);
    expect(isRateLimited(hoursAgo(2), now, 1)).toBe(false);
  });

  test("an interval of 0 switches the limit off", () => {
    expect(isRateLimited(hoursAgo(0), now, 0)).toBe(false);
  });

  test("an unreadable time blocks: better one reply too few than a loop", () => {
    expect(isRateLimited("yesterday-ish", now, 24)).toBe(true);
  });

  test("the cutoff is now minus the interval", () => {
    expect(autoReplyCutoff(now, 24)).toEqual(new Date(2026, 2, 9, 12, 0, 0));
  });
});

describe("parseSiteDatetime", () => {
  test("reads Frappe's datetime text in local time, microseconds included", () => {
    expect(parseSiteDatetime("2026-03-10 11:59:58.123456")).toEqual(new Date(2026, 2, 10, 11, 59, 58, 123));
    expect(parseSiteDatetime("2026-03-10 11:59")).toEqual(new Date(2026, 2, 10, 11, 59, 0, 0));
    expect(parseSiteDatetime(formatDatetime(now))).toEqual(now);
  });

  test("anything else is undefined", () => {
    expect(parseSiteDatetime("")).toBeUndefined();
    expect(parseSiteDatetime(null)).toBeUndefined();
    expect(parseSiteDatetime("10/03/2026")).toBeUndefined();
  });
});
