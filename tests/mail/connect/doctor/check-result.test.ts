import { mapConcurrently, withDeadline } from "../../../../src/mail/connect/doctor/check-result";

describe("withDeadline", () => {
  test("passes a value through in time", async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, "x")).resolves.toBe(7);
  });

  test("rejects with an ETIMEDOUT error naming the step, and hands a late value to onLate for cleanup", async () => {
    let settle: (value: string) => void = () => undefined;
    const late: string[] = [];
    const slow = new Promise<string>((resolve) => (settle = resolve));
    await expect(withDeadline(slow, 20, "the IMAP login", (value) => late.push(value))).rejects.toMatchObject({
      code: "ETIMEDOUT",
      message: "the IMAP login timed out after 20 ms",
    });
    settle("session");
    await slow;
    await new Promise((resolve) => setImmediate(resolve));
    expect(late).toEqual(["session"]);
  });
});

describe("mapConcurrently", () => {
  test("keeps the input order and never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrently([30, 5, 20, 1, 10], 2, async (ms) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20]);
    expect(peak).toBe(2);
    await expect(mapConcurrently([], 3, async () => 1)).resolves.toEqual([]);
  });
});
