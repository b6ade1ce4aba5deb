import { PullQueue } from "../../../src/mail/imap/pull-queue";

describe("PullQueue", () => {
  test("one pull at a time, in request order; a repeated waiting request is coalesced", async () => {
    const log: string[] = [];
    let active = 0;
    const queue = new PullQueue(async (name) => {
      active += 1;
      expect(active).toBe(1);
      log.push(name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
    });
    queue.request("A");
    queue.request("B");
    queue.request("B");
    await queue.drained();
    expect(log).toEqual(["A", "B"]);
  });

  test("a request while that account is being pulled queues one more pull", async () => {
    const log: string[] = [];
    const queue = new PullQueue(async (name) => {
      log.push(name);
      if (log.length === 1) queue.request("A");
    });
    queue.request("A");
    await queue.drained();
    expect(log).toEqual(["A", "A"]);
  });
});
