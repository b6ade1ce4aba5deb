import path from "node:path";
import { tempDir } from "../../helpers/temp-site";
import { jsonOf, runCli, snapshot } from "../run-cli";

describe("seed", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());
  const siteFile = () => path.join(temp.dir, "frappe-email-account.sqlite");

  test("prints the report table and a summary line", async () => {
    const run = await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^DocType\s+Name\s+Status\s+Differences$/);
    expect(lines.slice(2, 7).map((line) => line.split(/\s{2,}/))).toEqual([
      ["Email Domain", "acme.test", "created"],
      ["Email Account", "Info", "created"],
      ["Email Account", "Support", "created"],
      ["Email Account", "Lead", "created"],
      ["Email Account", "Sales", "created"],
    ]);
    expect(lines[7]).toBe("Seed acme.test: created 5 records");
  });

  test("twice: the second run changes nothing (same modified everywhere) and says nothing to do", async () => {
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
    const before = await snapshot(siteFile());
    const second = await runCli(["seed", "--domain", "acme.test", "--json"], { cwd: temp.dir });
    expect(second.code).toBe(0);
    expect(jsonOf(second)).toMatchObject({ created: 0, summary: "nothing to do" });
    expect(await snapshot(siteFile())).toEqual(before);
    const human = await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
    expect(human.stdout).toMatch(/^Seed acme.test: nothing to do$/m);
  });

  test("--json gives the report", async () => {
    const report = jsonOf(await runCli(["seed", "--domain", "acme.test", "--json"], { cwd: temp.dir })) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["site", "domain", "records", "created", "summary"]);
    expect((report.records as unknown[])[0]).toEqual({ doctype: "Email Domain", name: "acme.test", status: "created", differences: [] });
  });

  test("server options reach the Email Domain", async () => {
    const args = ["seed", "--domain", "acme.test", "--imap-host", "mx.acme.test", "--imap-port", "143", "--imap-tls", "starttls"];
    await runCli([...args, "--smtp-host", "mx.acme.test", "--smtp-port", "25", "--smtp-tls", "none"], { cwd: temp.dir });
    const domain = jsonOf(await runCli(["get", "Email Domain", "acme.test", "--json"], { cwd: temp.dir }));
    expect(domain).toMatchObject({ email_server: "mx.acme.test", incoming_port: "143", use_ssl: 0, use_starttls: 1, smtp_server: "mx.acme.test", smtp_port: "25", use_tls: 0, use_ssl_for_outgoing: 0 });
  });

  test("a changed account is listed with its differing fields and kept", async () => {
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
    const { openLocalSite } = await import("../../../src/open-site");
    const site = openLocalSite({ file: siteFile() });
    await site.save({ doctype: "Email Account", name: "Sales", default_outgoing: 1 });
    await site.close();
    const run = await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
    expect(run.stdout).toMatch(/^Email Account\s+Sales\s+differs\s+default_outgoing: fixture 0, stored 1$/m);
    expect(run.stdout).toMatch(/Info\s+differs\s+default_outgoing: fixture 1, stored 0/);
    expect(run.stdout).toMatch(/^Seed acme.test: nothing to do; Info, Sales differ from the fixtures and were left as is$/m);
  });

  test.each([
    [["--domain", "nope"], /^error: InputError: "nope" is not a valid domain name: it needs at least two labels, like example.com\n$/],
    [["--domain", "acme.test", "--smtp-port", "99999"], /^error: InputError: --smtp-port must be a port number from 1 to 65535, got "99999"\n$/],
    [["--domain", "acme.test", "--imap-host", "bad_host"], /^error: InputError: "bad_host" is not a valid imap host name/],
  ])("bad input %j fails in one line and stores nothing", async (args, line) => {
    const run = await runCli(["seed", ...args], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(line);
    const stored = await snapshot(siteFile());
    expect(stored["Email Domain"]).toEqual([]);
    expect(stored["Email Account"]).toEqual([]);
  });
});
