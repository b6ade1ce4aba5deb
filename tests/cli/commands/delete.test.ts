import { tempDir } from "../../helpers/temp-site";
import { jsonOf, runCli } from "../run-cli";

describe("delete", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    temp = tempDir();
    await runCli(["seed", "--domain", "acme.test"], { cwd: temp.dir });
  });
  afterEach(() => temp.cleanup());

  test("deletes one record through the lifecycle", async () => {
    const run = await runCli(["delete", "Email Account", "Sales"], { cwd: temp.dir });
    expect(run).toEqual({ code: 0, stdout: "deleted Email Account Sales\n", stderr: "" });
    const list = await runCli(["list", "Email Account", "--order-by", "name asc", "--json"], { cwd: temp.dir });
    expect(jsonOf(list)).toEqual([{ name: "Info" }, { name: "Lead" }, { name: "Support" }]);
  });

  test("--json confirms what was deleted", async () => {
    const run = await runCli(["delete", "Email Account", "Lead", "--json"], { cwd: temp.dir });
    expect(jsonOf(run)).toEqual({ deleted: true, doctype: "Email Account", name: "Lead" });
  });

  test("a linked record is refused with Frappe's LinkExistsError; a missing one is DoesNotExistError", async () => {
    const linked = await runCli(["delete", "Email Domain", "acme.test"], { cwd: temp.dir });
    expect(linked.code).toBe(1);
    expect(linked.stderr).toMatch(/^error: LinkExistsError: Cannot delete or cancel because Email Domain acme.test is linked with Email Account \w+\n$/);
    const missing = await runCli(["delete", "Email Account", "Nobody"], { cwd: temp.dir });
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "error: DoesNotExistError: Email Account Nobody not found\n" });
    expect((await runCli(["get", "Email Domain", "acme.test"], { cwd: temp.dir })).code).toBe(0);
  });
});
