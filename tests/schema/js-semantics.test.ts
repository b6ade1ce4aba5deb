import { compare, isTruthy, looseEquals, toPrimitive } from "../../src/schema/js-semantics";

describe("JavaScript value rules for JSON data", () => {
  it("truthiness", () => {
    for (const falsy of [false, 0, -0, Number.NaN, "", null, undefined]) expect(isTruthy(falsy)).toBe(false);
    for (const truthy of [true, 1, -1, "0", " ", [], {}]) expect(isTruthy(truthy)).toBe(true);
  });

  // Expected values are what `a == b` gives in JavaScript.
  const loose: Array<[unknown, unknown, boolean]> = [
    [1, "1", true],
    [0, "", true],
    [0, "0", true],
    ["", "0", false],
    [null, undefined, true],
    [null, 0, false],
    [undefined, "", false],
    [true, 1, true],
    [true, "1", true],
    [false, "", true],
    [Number.NaN, Number.NaN, false],
    [[1, 2], "1,2", true],
    [[], "", true],
    [[], 0, true],
    [{}, "[object Object]", true],
    ["abc", "ABC", false],
  ];
  it.each(loose)("%p == %p is %p", (a, b, expected) => {
    expect(looseEquals(a, b)).toBe(expected);
    expect(looseEquals(b, a)).toBe(expected);
  });

  it("two lists are equal only when they are the same list", () => {
    const list = [1];
    expect(looseEquals(list, list)).toBe(true);
    expect(looseEquals([1], [1])).toBe(false);
  });

  // Expected values are what the operators give in JavaScript.
  const relational: Array<["<" | ">" | "<=" | ">=", unknown, unknown, boolean]> = [
    ["<", 1, 2, true],
    ["<", "10", "9", true],
    ["<", "10", 9, false],
    [">", null, -1, true],
    [">=", undefined, 0, false],
    ["<=", undefined, undefined, false],
    ["<=", null, 0, true],
    [">", "b", "a", true],
    ["<", "abc", 1, false],
    [">=", true, 1, true],
  ];
  it.each(relational)("%s with %p and %p is %p", (op, a, b, expected) => {
    expect(compare(op, a, b)).toBe(expected);
  });

  it("never calls a record's own toString or valueOf", () => {
    const hostile = { toString: "not callable", valueOf: "nope" };
    expect(toPrimitive(hostile)).toBe("[object Object]");
    expect(toPrimitive([hostile, null, 2])).toBe("[object Object],,2");
    expect(looseEquals(hostile, "[object Object]")).toBe(true);
  });
});
