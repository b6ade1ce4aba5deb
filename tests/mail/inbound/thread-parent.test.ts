import { MAX_THREAD_IDS, threadIds } from "../../../src/mail/inbound/thread-parent";
import { errorMessage } from "../../../src/mail/inbound/unhandled-email";

describe("thread ids (P14)", () => {
  test("In-Reply-To first, then References newest first, then a report's original, each once", () => {
    expect(threadIds(["p"], ["r1", "r2", "p"], ["o"])).toEqual(["p", "r2", "r1", "o"]);
    expect(threadIds([], [])).toEqual([]);
  });

  test("at most the newest MAX_THREAD_IDS ids are looked up", () => {
    const refs = Array.from({ length: 100 }, (_, i) => `r${i}`);
    const ids = threadIds([], refs);
    expect(ids).toHaveLength(MAX_THREAD_IDS);
    expect(ids[0]).toBe("r99");
  });
});

describe("errorMessage", () => {
  test("one line, the error's name and message, no stack", () => {
    const err = new TypeError("bad\n  thing");
    expect(errorMessage(err)).toBe("TypeError: bad thing");
    expect(errorMessage("plain")).toBe("plain");
  });
});
