import { ConfigError, ValidationError, bold } from "../../src/errors";
import { cellText, errorLine, errorReport, oneLine, renderTable, stripHtml } from "../../src/cli/output";

describe("output helpers", () => {
  test("stripHtml removes Frappe's tags and decodes the common entities", () => {
    expect(stripHtml(`You need to set one IMAP folder for ${bold("a@b.c")}`)).toBe("You need to set one IMAP folder for a@b.c");
    expect(stripHtml("a<br>b &lt;x&gt; &amp; &quot;y&quot;")).toBe('a b <x> & "y"');
    expect(stripHtml('<p>See <a href="https://x">the docs</a></p>')).toBe("See the docs");
    expect(stripHtml("option '--domain <domain>'")).toBe("option '--domain <domain>'");
  });

  test("oneLine folds line breaks", () => {
    expect(oneLine("first\n  second\r\nthird")).toBe("first second third");
  });

  test("errorLine is `error: <exc_type>: <message>` on one line", () => {
    expect(errorLine(new ValidationError(`Bad <strong>x</strong>\nsecond line`))).toBe("error: ValidationError: Bad x second line");
    expect(errorLine(new ConfigError("no site"))).toBe("error: ConfigError: no site");
    expect(errorLine(new TypeError("boom"))).toBe("error: TypeError: boom");
    expect(errorLine("text")).toBe("error: Error: text");
  });

  test("errorReport carries exc_type, code and message", () => {
    expect(errorReport(new ConfigError("no site"))).toEqual({ exc_type: "ConfigError", code: "FEA_CONFIG", message: "no site" });
  });

  test("renderTable pads columns to the widest cell and puts a rule under the header", () => {
    expect(renderTable(["Name", "On"], [["Support", 1], ["X", null]])).toBe(["Name     On", "-------  --", "Support  1", "X"].join("\n"));
  });

  test("cells are one line; objects show as compact JSON", () => {
    expect(cellText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(cellText("a\nb")).toBe("a b");
    expect(cellText(undefined)).toBe("");
  });
});
