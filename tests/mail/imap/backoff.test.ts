import { backoffDelay, sleep } from "../../../src/mail/imap/backoff";

const policy = { attempts: 5, baseMs: 500, maxMs: 4000 };

describe("backoffDelay", () => {
  test("the ceiling doubles per attempt and stops at maxMs", () => {
    const ceiling = (attempt: number) => backoffDelay(attempt, policy, () => 0.999999) + 1;
    expect([1, 2, 3, 4, 5, 6].map(ceiling)).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
  });

  test("full jitter: anywhere from 0 up to the ceiling", () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(1000);
  });
});

describe("sleep", () => {
  test("an abort ends the wait early without throwing", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = sleep(10_000, controller.signal);
    controller.abort();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
