import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../../helpers/temp-site";
import { jsonOf, runCli, snapshot } from "../run-cli";

interface Result {
  doctype: string;
  name: string | null;
  valid: boolean;
  errors: Array<{ exc_type: string; message: string }>;
  doc: Record<string, unknown>;
}

describe("validate", () => {
  let temp: ReturnType<typeof tempDir>;
  const siteFile = () => path.join(temp.dir, "frappe-email-account.sqlite");
  const write = (name: string, data: unknown) => fs.writeFileSync(path.join(temp.dir, name), typeof data === "string" ? data : JSON.stringify(data));

  beforeEach(async () => {
    temp = tempDir();
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
  });
  afterEach(() => temp.cleanup());

  test("valid records: exit 0, one result per record in input order, nothing stored", async () => {
    write("ok.json", [
      { doctype: "Email Domain", domain_name: "beta.test", email_server: "imap.beta.test", smtp_server: "smtp.beta.test" },
      { doctype: "Email Account", email_id: "desk@beta.test", domain: "beta.test", awaiting_password: 1, enable_outgoing: 1 },
    ]);
    const before = await snapshot(siteFile());
    const run = await runCli(["validate", "ok.json", "--json"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    const results = jsonOf(run) as Result[];
    expect(results.map((r) => Object.keys(r))).toEqual([
      ["doctype", "name", "valid", "errors", "doc"],
      ["doctype", "name", "valid", "errors", "doc"],
    ]);
    expect(results.map((r) => [r.doctype, r.name, r.valid, r.errors])).toEqual([
      ["Email Domain", "beta.test", true, []],
      ["Email Account", "Desk", true, []],
    ]);
    // The account saw the domain before it (fetch_from ran) although nothing was stored.
    expect(results[1]?.doc).toMatchObject({ smtp_server: "smtp.beta.test" });
    expect(await snapshot(siteFile())).toEqual(before);
    const human = await runCli(["validate", "ok.json"], { cwd: temp.dir });
    expect(human.stdout).toBe('record #1 (Email Domain "beta.test"): valid\nrecord #2 (Email Account "Desk"): valid\nok.json: all 2 valid (nothing was stored)\n');
  });

  test("each bad record is invalid with a clear message naming it and its field; exit 1; nothing stored", async () => {
    write("bad.json", [
      { doctype: "Email Account", email_id: "fine@acme.test", awaiting_password: 1 },
      { name: "no doctype" },
      { doctype: "Mailbox" },
      { doctype: "Email Account", email_id: "u@acme.test", awaiting_password: 1, colour: "blue" },
      { doctype: "Email Account", email_id: "t@acme.test", awaiting_password: 1, enable_incoming: "yes" },
      { doctype: "Email Account", email_id: "l@acme.test", awaiting_password: 1, login_id_is_different: 1, login_id: "x".repeat(141) },
      { doctype: "Email Account", email_id: "not an address", awaiting_password: 1 },
    ]);
    const before = await snapshot(siteFile());
    const run = await runCli(["validate", "bad.json", "--json"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    const results = jsonOf(run) as Result[];
    expect(results.map((r) => r.valid)).toEqual([true, false, false, false, false, false, false]);
    const errors = results.map((r) => r.errors[0]);
    expect(errors[1]).toEqual({ exc_type: "InputError", message: 'record #2 has no "doctype"' });
    expect(errors[2]).toEqual({ exc_type: "InputError", message: 'record #3: DocType "Mailbox" does not exist' });
    expect(errors[3]).toEqual({ exc_type: "DataError", message: "Email Account (new): unknown field colour (not in DocType Email Account)" });
    expect(errors[4]).toEqual({ exc_type: "DataError", message: 'Email Account (new): field enable_incoming (Enable Incoming) must be 0 or 1, got "yes"' });
    expect(errors[5]?.exc_type).toBe("CharacterLengthExceededError");
    expect(errors[5]?.message).toMatch(/Alternative Email ID/);
    expect(errors[6]).toEqual({ exc_type: "InvalidEmailAddressError", message: "not an address is not a valid Email Address" });
    // An invalid record comes back as given.
    expect(results[3]?.doc).toEqual({ doctype: "Email Account", email_id: "u@acme.test", awaiting_password: 1, colour: "blue" });
    expect(await snapshot(siteFile())).toEqual(before);
  });

  test("the human output names each record and its error on one line", async () => {
    write("mixed.json", [{ doctype: "Email Account", email_id: "ok@acme.test", awaiting_password: 1 }, { doctype: "Email Account", awaiting_password: 1, email_account_name: "Nameless" }]);
    const run = await runCli(["validate", "mixed.json"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'record #1 (Email Account "Ok"): valid',
        'record #2 (Email Account "Nameless"): invalid',
        "  MandatoryError: Error: Value missing for Email Account: Email Address",
        "mixed.json: 1 of 2 invalid (nothing was stored)",
        "",
      ].join("\n"),
    );
  });

  test("malformed JSON is one InputError line with line and column", async () => {
    write("broken.json", '[\n  {"doctype": "Email Account",\n   "email_id": "a@acme.test",,}\n]');
    const run = await runCli(["validate", "broken.json"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("error: InputError: broken.json is not valid JSON: Expected double-quoted property name (line 3, column 30)\n");
  });

  test("a password in a record is never printed", async () => {
    write("secret.json", { doctype: "Email Account", email_id: "pw@acme.test", password: "Zebra-Sunrise-42", enable_outgoing: 1 });
    const json = await runCli(["validate", "secret.json", "--json", "--verbose"], { cwd: temp.dir });
    const human = await runCli(["validate", "secret.json", "--verbose"], { cwd: temp.dir });
    expect(json.code).toBe(0);
    expect((jsonOf(json) as Result[])[0]?.doc.password).toBe("****************");
    for (const run of [json, human]) expect(run.stdout + run.stderr).not.toContain("Zebra-Sunrise-42");
  });

  test("--no-connect skips the login tests", async () => {
    write("pw.json", { doctype: "Email Account", email_id: "pw@acme.test", password: "secret-pw", enable_outgoing: 1 });
    const connect = await runCli(["validate", "pw.json"], { cwd: temp.dir });
    const noConnect = await runCli(["validate", "pw.json", "--no-connect"], { cwd: temp.dir });
    expect(connect.stderr).toMatch(/^warn: connection test skipped \(.*direction=outgoing/m);
    expect(noConnect.stderr).toBe("");
    expect(noConnect.code).toBe(0);
  });
});
