import fs from "node:fs";
import path from "node:path";
import { InputError } from "../../src/errors";
import { checkRecord, describeRecord, parseJsonText, readRecordsFile } from "../../src/cli/read-records";
import { loadMetaRegistry } from "../../src/schema/doctype-loader";
import { tempDir } from "../helpers/temp-site";

/** The error `fn` throws (fails when it throws nothing). */
function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error");
}

function expectInputError(fn: () => unknown, message: string): void {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(InputError);
  expect(error.message).toBe(message);
}

describe("readRecordsFile", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());
  const write = (name: string, text: string) => fs.writeFileSync(path.join(temp.dir, name), text);

  test("one record or an array", () => {
    write("one.json", '{"doctype": "Email Domain"}');
    write("many.json", '[{"doctype": "Email Domain"}, {"doctype": "Email Account"}]');
    expect(readRecordsFile("one.json", temp.dir)).toEqual({ records: [{ doctype: "Email Domain" }], isArray: false });
    expect(readRecordsFile("many.json", temp.dir).records).toHaveLength(2);
  });

  test("malformed JSON names the file, the parser's words, line and column", () => {
    write("bad.json", '[\n  {"doctype": "Email Account",\n   "email_id": tru}\n]');
    expectInputError(() => readRecordsFile("bad.json", temp.dir), "bad.json is not valid JSON: Unexpected token '}' (line 3, column 19)");
    write("cut.json", '[{"doctype": "Email Account"');
    expect(() => readRecordsFile("cut.json", temp.dir)).toThrow(/^cut.json is not valid JSON: Expected ',' or '}' after property value \(line 1, column 29\)$/);
  });

  test("the message never quotes the file's text (it could hold a password)", () => {
    write("secret.json", '{"doctype": "Email Account", "password": "hunter2-topsecret" x}');
    let message = "";
    try {
      readRecordsFile("secret.json", temp.dir);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^secret.json is not valid JSON: .*\(line 1, column 62\)$/);
    expect(message).not.toContain("hunter2");
  });

  test("a missing file and a JSON scalar are InputErrors", () => {
    expectInputError(() => readRecordsFile("nope.json", temp.dir), "cannot read nope.json: no such file");
    write("num.json", "42");
    expect(() => readRecordsFile("num.json", temp.dir)).toThrow(/num.json must hold one record \(a JSON object\) or an array of records/);
  });

  test("a byte order mark is allowed", () => {
    write("bom.json", '\uFEFF{"doctype": "Email Domain"}');
    expect(readRecordsFile("bom.json", temp.dir).records).toEqual([{ doctype: "Email Domain" }]);
  });
});

describe("parseJsonText", () => {
  test("names what it parsed", () => {
    expect(() => parseJsonText("{", "--filters")).toThrow(/^--filters is not valid JSON: .* \(line 1, column 2\)$/);
  });
});

describe("checkRecord / describeRecord", () => {
  const meta = loadMetaRegistry();

  test("a record without doctype, of an unknown DocType, or not an object names its position", () => {
    expect(checkRecord({ name: "x" }, 2, meta)).toEqual(new InputError('record #3 has no "doctype"'));
    expect(checkRecord({ doctype: "Nope" }, 0, meta)).toEqual(new InputError('record #1: DocType "Nope" does not exist'));
    expect(checkRecord([1], 4, meta)).toEqual(new InputError("record #5 is not a JSON object"));
    expect(checkRecord({ doctype: "Email Domain" }, 0, meta)).toEqual({ doctype: "Email Domain" });
  });

  test("describeRecord shows position, DocType and name when known", () => {
    expect(describeRecord(0, { doctype: "Email Account", email_account_name: "Support" })).toBe('record #1 (Email Account "Support")');
    expect(describeRecord(1, { doctype: "Email Domain" })).toBe("record #2 (Email Domain)");
    expect(describeRecord(2, 7)).toBe("record #3");
  });
});
