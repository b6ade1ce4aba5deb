import { jsonOf, runCli } from "../run-cli";
import { arrangeRemote } from "../../sync-records/support/remote-records";
import { API_KEY, API_SECRET, startSyncHarness, type SyncHarness } from "../../sync-records/support/sync-harness";

let h: SyncHarness;
beforeEach(async () => {
  h = await startSyncHarness();
  await arrangeRemote(h.served);
});
afterEach(() => h.stop());

const env = { FRAPPE_API_KEY: API_KEY, FRAPPE_API_SECRET: API_SECRET };
const run = (command: string, ...args: string[]) => runCli(["--site", h.url, command, "--local", h.localFile, ...args], { cwd: h.dir, env });

test("diff prints one line per differing field and a summary; --json gives the same as data", async () => {
  expect((await run("pull", "Email Domain", "Email Account", "--with-passwords")).code).toBe(0);
  await h.local.save({ doctype: "Email Account", name: "Sales", signature: "<b>Sales</b>", email_sync_option: "ALL" });
  const human = await run("diff", "Email Domain", "Email Account");
  expect(human.code).toBe(0);
  const lines = human.stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^DocType\s+Name\s+Remote name\s+State\s+Field\s+Local\s+Remote$/);
  expect(lines[2]).toMatch(/^Email Account\s+Sales\s+Sales\s+differs\s+email_sync_option\s+ALL\s+UNSEEN$/);
  expect(lines[3]).toMatch(/^\s+signature\s+<b>Sales<\/b>$/);
  expect(lines[4]).toBe(`diff ${h.localFile} <-> ${h.url}: 1 differ, 0 only here, 0 only on the site, 2 the same`);
  const json = jsonOf(await run("diff", "Email Account", "--json"));
  expect(json).toEqual({
    remote: h.url,
    local: h.localFile,
    same: 1,
    records: [
      {
        doctype: "Email Account",
        name: "Sales",
        remoteName: "Sales",
        state: "differs",
        fields: [
          { field: "email_sync_option", local: "ALL", remote: "UNSEEN" },
          { field: "signature", local: "<b>Sales</b>", remote: null },
        ],
      },
    ],
  });
});

test("records one side lacks are listed as such", async () => {
  const result = await run("diff", "Communication");
  expect(result.stdout).toMatch(/^Communication\s+\S+\s+only on the site$/m);
  expect(result.stdout).toContain("0 differ, 0 only here, 3 only on the site, 0 the same");
});
