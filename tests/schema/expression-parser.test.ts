import { ExpressionError } from "../../src/errors";
import { evaluateDependsOn, parseExpression } from "../../src/schema/expression";

function expectExpressionError(expression: string, pattern: RegExp): void {
  let caught: unknown;
  try {
    parseExpression(expression);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ExpressionError);
  expect((caught as Error).message).toContain(`"${expression}"`);
  expect((caught as Error).message).toMatch(pattern);
}

describe("parsing", () => {
  it("caches the parsed form per expression text", () => {
    const first = parseExpression("eval:doc.a && doc.b");
    expect(parseExpression("eval:doc.a && doc.b")).toBe(first);
    expect(first.kind).toBe("eval");
  });

  it("reports unknown names with the expression and the 1-based position", () => {
    expect(() => parseExpression("eval:doc.a && window.b")).toThrow('Invalid expression "eval:doc.a && window.b": unknown name "window" at position 15');
  });

  it("reports unsupported syntax", () => {
    expectExpressionError("eval:doc.a + doc.b", /unexpected "\+"/);
    expectExpressionError("eval:doc.a = 1", /assignment is not allowed/);
    expectExpressionError("eval:doc.a.b", /nested property "doc.a.b" is not supported/);
    expectExpressionError("eval:doc.a.length.b", /nested property "doc.a.length.b" is not supported/);
    expectExpressionError("eval:`x`", /unexpected character "`"/);
    expectExpressionError("eval:(doc.a", /expected "\)" but found end of expression/);
    expectExpressionError("eval:", /empty expression/);
    expectExpressionError("eval:'open", /unterminated string/);
    expectExpressionError("fn:my_check", /not supported/);
    expectExpressionError("two words", /expected a fieldname/);
  });
});

describe("hostile input never runs code", () => {
  const cases: Array<[string, RegExp]> = [
    ["eval:process.exit()", /unknown function "process.exit" at position 6/],
    ["eval:doc.constructor", /property "constructor" is not allowed at position 10/],
    ["eval:this", /unknown name "this" at position 6/],
    ['eval:doc["__proto__"]', /unexpected "\[" at position 9/],
    ["eval:doc.__proto__", /property "__proto__" is not allowed/],
    ["eval:doc.constructor.constructor('return process')()", /unknown function "doc.constructor.constructor"/],
    ["eval:globalThis", /unknown name "globalThis"/],
    ["eval:require('fs')", /unknown function "require"/],
    ["eval:new Function('x')", /unknown name "new"/],
    ["eval:(() => 1)()", /unexpected/],
    ["eval:frappe.utils.html2text.call(null)", /unknown function "frappe.utils.html2text.call"/],
    ["eval:doc.toString()", /unknown function "doc.toString"/],
    ["constructor", /property "constructor" is not allowed/],
    ["eval:" + "(".repeat(200) + "1" + ")".repeat(200), /nested too deeply/],
    ["eval:" + "!".repeat(500) + "1", /nested too deeply/],
  ];

  it.each(cases)("%s -> ExpressionError", (expression, pattern) => {
    const exitSpy = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    try {
      expectExpressionError(expression, pattern);
      expect(() => evaluateDependsOn(expression, { constructor: 1 })).toThrow(ExpressionError);
      expect(exitSpy).not.toHaveBeenCalled();
    } finally {
      exitSpy.mockRestore();
    }
  });

  it("refuses over-long expressions", () => {
    expect(() => parseExpression("eval:" + "doc.a && ".repeat(600) + "doc.a")).toThrow(/longer than 4000 characters/);
  });
});
