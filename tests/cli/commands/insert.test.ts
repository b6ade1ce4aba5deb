import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../../helpers/temp-site";
import { errorOutput, jsonOf, runCli, snapshot } from "../run-cli";

const domain = { doctype: "Email Domain", domain_name: "beta.test", email_server: "imap.beta.test", smtp_server: "smtp.beta.test", use_imap: 1 };
const account = (local: string, extra: Record<string, unknown> = {}) => ({ doctype: "Email Account", email_id: `${local}@beta.test`, domain: "beta.test", awaiting_password: 1, ...extra });

describe("insert", () => {
  let temp: ReturnType<typeof tempDir>;
  const siteFile = () => path.join(temp.dir, "frappe-email-account.sqlite");
  const write = (name: string, data: unknown) => fs.writeFileSync(path.join(temp.dir, name), typeof data === "string" ? data : JSON.stringify(data));

  beforeEach(async () => {
    temp = tempDir();
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
  });
  afterEach(() => temp.cleanup());

  test("inserts one record or an array through the lifecycle", async () => {
    write("one.json", domain);
    write("many.json", [account("desk", { enable_outgoing: 1 }), account("help")]);
    const one = await runCli(["insert", "one.json"], { cwd: temp.dir });
    expect(one).toMatchObject({ code: 0, stdout: "inserted Email Domain beta.test\n" });
    // Site messages go to stderr as notes (here: no mail engine, so the domain's servers were not probed).
    expect(one.stderr).toMatch(/^note: Connection test skipped/m);
    const many = await runCli(["insert", "many.json", "--json"], { cwd: temp.dir });
    expect(many.code).toBe(0);
    const inserted = jsonOf(many) as Array<{ doctype: string; name: string; doc: Record<string, unknown>; messages: unknown[] }>;
    expect(inserted.map((i) => [i.doctype, i.name])).toEqual([
      ["Email Account", "Desk"],
      ["Email Account", "Help"],
    ]);
    // fetch_from copied the domain's servers: the lifecycle ran.
    expect(inserted[0]?.doc).toMatchObject({ smtp_server: "smtp.beta.test", modified: expect.any(String) });
    expect((await snapshot(siteFile()))["Email Account"]?.map((d) => d.name)).toEqual(["Desk", "Help", "Info", "Lead", "Sales", "Support"]);
  });

  test("an array whose 3rd record fails leaves none of them stored", async () => {
    write("three.json", [domain, account("first"), account("third", { enable_incoming: "sometimes" }), account("fourth")]);
    const before = await snapshot(siteFile());
    const run = await runCli(["insert", "three.json"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(errorOutput(run)).toBe('error: DataError: record #3 (Email Account): Email Account (new): field enable_incoming (Enable Incoming) must be 0 or 1, got "sometimes"\n');
    expect(await snapshot(siteFile())).toEqual(before);
  });

  test.each([
    ["unknown field", account("x", { colour: "blue" }), /^error: DataError: record #2 \(Email Account\): Email Account \(new\): unknown field colour \(not in DocType Email Account\)\n$/],
    ["wrong type", account("x", { unreplied_for_mins: "soon" }), /^error: DataError: record #2 \(Email Account\): .*field unreplied_for_mins \(Notify if unreplied for \(in mins\)\).*"soon"\n$/],
    ["oversized value", account("x", { email_account_name: "N".repeat(141) }), /^error: CharacterLengthExceededError: record #2 \(Email Account "N{141}"\): .*Email Account Name.*140\n$/],
    ["unknown DocType", { doctype: "Mailbox" }, /^error: InputError: record #2: DocType "Mailbox" does not exist\n$/],
    ["record without doctype", { email_id: "x@beta.test" }, /^error: InputError: record #2 has no "doctype"\n$/],
    ["missing mandatory field", { doctype: "Email Account", email_account_name: "Nameless", awaiting_password: 1 }, /^error: MandatoryError: record #2 \(Email Account "Nameless"\): Error: Value missing for Email Account: Email Address\n$/],
  ])("%s: a clear one-line error naming the record and field, nothing stored", async (_what, bad, line) => {
    write("bad.json", [domain, bad]);
    const before = await snapshot(siteFile());
    const run = await runCli(["insert", "bad.json"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(errorOutput(run)).toMatch(line);
    expect(await snapshot(siteFile())).toEqual(before);
  });

  test("a single record's error is not prefixed with a position", async () => {
    write("single.json", account("x", { colour: "blue" }));
    const run = await runCli(["insert", "single.json"], { cwd: temp.dir });
    expect(run.stderr).toBe("error: DataError: Email Account (new): unknown field colour (not in DocType Email Account)\n");
  });

  test("malformed JSON stores nothing and names line and column", async () => {
    write("broken.json", '[{"doctype": "Email Domain", "domain_name": "beta.test"}\n{"doctype": "Email Account"}]');
    const before = await snapshot(siteFile());
    const run = await runCli(["insert", "broken.json"], { cwd: temp.dir });
    expect(run.stderr).toBe("error: InputError: broken.json is not valid JSON: Expected ',' or ']' after array element (line 2, column 1)\n");
    expect(await snapshot(siteFile())).toEqual(before);
  });

  test("a password given in the file is stored encrypted and never printed", async () => {
    write("pw.json", account("pw", { awaiting_password: 0, password: "Mango-Vortex-19", enable_outgoing: 1 }));
    const run = await runCli(["insert", "pw.json", "--json"], { cwd: temp.dir });
    expect(run.code).toBe(1); // beta.test does not exist on this site
    write("pw.json", [domain, account("pw", { awaiting_password: 0, password: "Mango-Vortex-19", enable_outgoing: 1 })]);
    const ok = await runCli(["insert", "pw.json", "--json", "--verbose"], { cwd: temp.dir });
    expect(ok.code).toBe(0);
    expect((jsonOf(ok) as Array<{ doc: { password: string } }>)[1]?.doc.password).toBe("***************");
    for (const output of [run.stdout, run.stderr, ok.stdout, ok.stderr]) expect(output).not.toContain("Mango-Vortex-19");
    expect(fs.readFileSync(siteFile()).includes(Buffer.from("Mango-Vortex-19"))).toBe(false);
  });
});
