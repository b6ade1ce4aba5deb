import fs from "node:fs";
import path from "node:path";
import { ServerError } from "../../../src/errors";
import { tempDir } from "../../helpers/temp-site";
import { type RemoteHarness, startHarness } from "../../site/remote/support/remote-harness";

/**
 * RemoteSite.transaction as the mail engine relies on it: a verdict from the site (a validation
 * error) takes back every record the body wrote, Files included; a site that stops answering keeps
 * them, since the write that failed may have landed unseen and a retry finds it all by its keys.
 */
let h: RemoteHarness;
beforeEach(async () => (h = await startHarness()));
afterEach(() => h.stop());

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

test("records written before the site stopped answering are kept", async () => {
  const error = await rejection(
    h.remote.transaction(async () => {
      await h.remote.insert({ doctype: "ToDo", description: "first" });
      h.server.injectFault({ method: "POST", path: "/api/resource/ToDo", action: { kind: "status", status: 503 }, times: 4 });
      await h.remote.insert({ doctype: "ToDo", description: "second" });
    }),
  );

  expect(error).toBeInstanceOf(ServerError);
  expect((await h.local.getList("ToDo", { fields: ["description"] })).map((row) => row.description)).toEqual(["first"]);
  expect(h.logs.some((line) => line.includes("the site stopped answering; the records the failed batch had inserted are kept"))).toBe(true);
});

test("a verdict takes back the Files the body uploaded along with its records", async () => {
  const spool = tempDir("fea-spool-");
  try {
    const part = path.join(spool.dir, "part");
    fs.writeFileSync(part, "attachment");
    await rejection(
      h.remote.transaction(async () => {
        const { doc } = await h.remote.insert({ doctype: "ToDo", description: "with a file" });
        await h.remote.uploadFile({ filename: "a.txt", content: fs.createReadStream(part), attachedToDoctype: "ToDo", attachedToName: String(doc.name) });
        await h.remote.insert({ doctype: "Email Account", email_account_name: "Broken" });
      }),
    );

    expect(await h.local.count("ToDo")).toBe(0);
    expect(await h.local.count("File", { is_folder: 0 })).toBe(0);
  } finally {
    spool.cleanup();
  }
});
