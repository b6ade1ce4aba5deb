import { chunk, uidSet } from "../../../src/mail/imap/uid-set";

describe("uidSet", () => {
  test("runs become ranges, single UIDs stay single, order and duplicates do not matter", () => {
    expect(uidSet([1, 2, 3, 7, 9, 10])).toBe("1:3,7,9:10");
    expect(uidSet([10, 9, 9, 3])).toBe("3,9:10");
    expect(uidSet([42])).toBe("42");
    expect(uidSet([])).toBe("");
  });
});

describe("chunk", () => {
  test("splits in order into runs of at most the size", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
});
