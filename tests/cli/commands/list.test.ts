import { tempDir } from "../../helpers/temp-site";
import { jsonOf, runCli } from "../run-cli";

describe("list", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    temp = tempDir();
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
  });
  afterAll(() => temp.cleanup());

  test("names only by default, like Frappe's REST list", async () => {
    const run = await runCli(["list", "Email Account", "--order-by", "name asc", "--json"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual([{ name: "Info" }, { name: "Lead" }, { name: "Sales" }, { name: "Support" }]);
  });

  test("--fields, --filters (object or conditions), --order-by and --limit", async () => {
    const fields = ["--fields", "name,email_id,enable_incoming"];
    const incoming = await runCli(["list", "Email Account", ...fields, "--filters", '{"enable_incoming": 1}', "--order-by", "name desc", "--json"], { cwd: temp.dir });
    expect(jsonOf(incoming)).toEqual([
      { name: "Support", email_id: "support@acme.test", enable_incoming: 1 },
      { name: "Lead", email_id: "lead@acme.test", enable_incoming: 1 },
    ]);
    const conditions = await runCli(["list", "Email Account", "--filters", '[["email_id", "like", "s%"]]', "--order-by", "name asc", "--limit", "1", "--json"], { cwd: temp.dir });
    expect(jsonOf(conditions)).toEqual([{ name: "Sales" }]);
  });

  test("a table for humans, with the requested columns", async () => {
    const run = await runCli(["list", "Email Account", "--fields", "name,default_outgoing", "--order-by", "name asc"], { cwd: temp.dir });
    expect(run.stdout.trimEnd().split("\n")).toEqual([
      "name     default_outgoing",
      "-------  ----------------",
      "Info     1",
      "Lead     0",
      "Sales    0",
      "Support  0",
    ]);
    const empty = await runCli(["list", "Issue"], { cwd: temp.dir });
    expect(empty.stdout).toBe("No Issue records.\n");
  });

  test("bad --filters JSON, an unknown DocType or field are one-line errors", async () => {
    const badJson = await runCli(["list", "Email Account", "--filters", "{enable_incoming: 1}"], { cwd: temp.dir });
    expect(badJson.stderr).toBe("error: InputError: --filters is not valid JSON: Expected property name or '}' (line 1, column 2)\n");
    const unknownDoctype = await runCli(["list", "Mailbox"], { cwd: temp.dir });
    expect(unknownDoctype.stderr).toBe("error: DoesNotExistError: DocType Mailbox not found\n");
    const unknownField = await runCli(["list", "Email Account", "--fields", "name,colour"], { cwd: temp.dir });
    expect(unknownField.code).toBe(1);
    expect(unknownField.stderr).toMatch(/^error: DataError: [^\n]*colour[^\n]*\n$/);
    for (const run of [badJson, unknownDoctype, unknownField]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
    }
  });
});
