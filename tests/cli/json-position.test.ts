import { jsonErrorOffset, lineAndColumn } from "../../src/cli/json-position";

describe("jsonErrorOffset", () => {
  test.each(['{"a": 1}', "[]", '  [1, -2.5e+3, "x\\u00e9\\n", true, false, null, {"b": {}}] ', '"just a string"', "0"])("valid JSON has no error: %s", (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorOffset(text)).toBeUndefined();
  });

  test.each([
    ['{"a": }', 6],
    ["[1,2", 4],
    ['{"a":1,}', 7],
    ["", 0],
    ['{"a" 1}', 5],
    ["[1]x", 3],
    ['{\n "a": tru\n}', 11],
    ["[01]", 2],
    ['["a\nb"]', 3],
    ["{'a': 1}", 1],
    ['["\\x"]', 3],
    ["[1.]", 3],
  ])("finds the first bad character of %j at %i", (text, offset) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});

describe("lineAndColumn", () => {
  test("counts from 1", () => {
    expect(lineAndColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("ab\n", 3)).toEqual({ line: 2, column: 1 });
  });
});
