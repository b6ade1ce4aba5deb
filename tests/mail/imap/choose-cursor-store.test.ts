import path from "node:path";
import { cursorFileFor, cursorStoreFor, FileCursorStore, SiteCursorStore } from "../../../src/mail/imap";
import { openLocalSite } from "../../../src/open-site";
import { loadMetaRegistry } from "../../../src/schema/doctype-loader";
import { RemoteSite } from "../../../src/site/remote";
import { tempDir } from "../../helpers/temp-site";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir("fea-cursor-choice-")));
afterEach(() => temp.cleanup());

test("the embedded site keeps its cursors on the IMAP Folder rows", async () => {
  const site = openLocalSite({ file: temp.file });
  try {
    expect(cursorStoreFor(site)).toBeInstanceOf(SiteCursorStore);
  } finally {
    await site.close();
  }
});

test("a remote site's cursors go to its file in the state folder the environment names", async () => {
  // Never contacted: a RemoteSite makes no request until the first call.
  const site = new RemoteSite({ url: "https://erp.acme.test", credentials: { apiKey: "k", apiSecret: "s" }, meta: loadMetaRegistry() });
  try {
    const store = cursorStoreFor(site, { env: { FEA_STATE_DIR: temp.dir } });

    expect(store).toBeInstanceOf(FileCursorStore);
    expect((store as FileCursorStore).file).toBe(cursorFileFor(path.join(temp.dir, "cursors"), site.label));
  } finally {
    await site.close();
  }
});
