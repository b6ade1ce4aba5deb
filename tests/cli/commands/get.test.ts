import { tempDir } from "../../helpers/temp-site";
import { jsonOf, runCli, stdinWith } from "../run-cli";

describe("get", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    temp = tempDir();
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
    await runCli(["set-password", "Support", "--no-connect"], { cwd: temp.dir, stdin: stdinWith("Tulip-Orbit-77\n") });
  });
  afterAll(() => temp.cleanup());

  test("--json gives the record with its child rows, the password masked as the site returns it", async () => {
    const run = await runCli(["get", "Email Account", "Support", "--json"], { cwd: temp.dir });
    expect(run.code).toBe(0);
    const doc = jsonOf(run) as Record<string, unknown>;
    expect(doc).toMatchObject({ doctype: "Email Account", name: "Support", email_id: "support@acme.test", awaiting_password: 0, password: "**************" });
    expect(doc.imap_folder).toEqual([expect.objectContaining({ folder_name: "INBOX", append_to: "Issue", parent: "Support", idx: 1 })]);
    expect(run.stdout).not.toContain("Tulip-Orbit-77");
  });

  test("for humans: Field | Value rows, then each child table with its own fields", async () => {
    const run = await runCli(["get", "Email Account", "Support"], { cwd: temp.dir });
    expect(run.stdout).toMatch(/^Field\s+Value$/m);
    expect(run.stdout).toMatch(/^email_id\s+support@acme.test$/m);
    expect(run.stdout).toMatch(/^password\s+\*{14}$/m);
    expect(run.stdout).toMatch(/\nimap_folder:\nname\s+idx\s+folder_name\s+append_to\n/);
    expect(run.stdout).not.toContain("Tulip-Orbit-77");
  });

  test("a missing record or DocType is a one-line error", async () => {
    const missing = await runCli(["get", "Email Account", "Nobody"], { cwd: temp.dir });
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "error: DoesNotExistError: Email Account Nobody not found\n" });
    const doctype = await runCli(["get", "Mailbox", "x"], { cwd: temp.dir });
    expect(doctype.stderr).toBe("error: DoesNotExistError: DocType Mailbox not found\n");
  });
});
