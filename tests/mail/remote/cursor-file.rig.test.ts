import fs from "node:fs";
import { cursorFileFor } from "../../../src/mail/imap";
import { tempDir } from "../../helpers/temp-site";
import { appendMessage, folderStatus, resetMailbox, rig, seedMaildir } from "../../rig";
import { runCli } from "../../cli/run-cli";
import { API_KEY, API_SECRET, RemoteMailSite, type RequestLine, rows } from "./remote-mail-fixture";
import { rawMail } from "./rig-mails";

jest.setTimeout(60_000);

const COUNT = 6;
const MAILS = Array.from({ length: COUNT }, (_unused, i) => rawMail({ id: `cursor-${i + 1}@customer.test`, subject: `Cursor mail ${i + 1}` }));

/** Requests that write an Email Account or one of its IMAP Folder rows (set_value on a row saves the account). */
function accountWrites(requests: RequestLine[]): RequestLine[] {
  return requests.filter(
    (r) =>
      r.path === "/api/method/frappe.client.set_value" ||
      r.path === "/api/method/frappe.client.save" ||
      (r.method !== "GET" && (r.path.startsWith("/api/resource/Email Account") || r.path.startsWith("/api/resource/IMAP Folder"))),
  );
}

function cursorFileOf(site: RemoteMailSite): unknown {
  return JSON.parse(fs.readFileSync(site.cursorFile, "utf8"));
}

describe("a remote site's IMAP cursors live in a state file, not on the site (rig)", () => {
  let site: RemoteMailSite;
  let account: string;
  beforeEach(async () => {
    await resetMailbox("spare");
    await seedMaildir("spare", "INBOX", MAILS);
    site = await RemoteMailSite.start();
    account = await site.addAccount("spare");
  });
  afterEach(() => site.close());

  const folderRow = async () => ((await site.local.get("Email Account", account)).imap_folder as Array<Record<string, unknown>>)[0];

  test("a pull makes no set_value or save of the Email Account or its IMAP Folder rows; the cursor is in the file", async () => {
    const modified = (await site.local.get("Email Account", account)).modified;
    const before = site.requests().length;

    const report = await site.pull(account);

    expect(report.folders[0]).toMatchObject({ mode: "first-sync", fetched: COUNT, created: COUNT, errors: [] });
    const requests = site.requests().slice(before);
    expect(accountWrites(requests)).toEqual([]);
    expect((await site.local.get("Email Account", account)).modified).toBe(modified);
    const row = await folderRow();
    expect([row?.uidvalidity, row?.uidnext]).toEqual([undefined, undefined]);
    const status = await folderStatus("spare", "INBOX");
    expect(cursorFileOf(site)).toEqual({
      version: 1,
      site: site.remote.label,
      accounts: { [account]: { INBOX: { uidvalidity: String(status.uidValidity), uidnext: status.uidNext } } },
    });
  });

  test("a second pull reads the cursor from the file and fetches nothing; a new mail is the only one fetched next", async () => {
    await site.pull(account);

    const again = await site.pull(account);
    expect(again.folders[0]).toMatchObject({ mode: "incremental", fetched: 0, created: 0, errors: [] });

    await appendMessage("spare", "INBOX", rawMail({ id: "cursor-late@customer.test", subject: "Late mail" }));
    const before = site.requests().length;
    const third = await site.pull(account);

    expect(third.folders[0]).toMatchObject({ mode: "incremental", fetched: 1, created: 1, duplicate: 0, errors: [] });
    expect(accountWrites(site.requests().slice(before))).toEqual([]);
    expect(await site.local.count("Communication")).toBe(COUNT + 1);
  });

  test("with the file deleted the next pull takes a first-sync window again and stores no duplicate", async () => {
    await site.pull(account);
    fs.rmSync(site.cursorFile);
    const before = site.requests().length;

    const report = await site.pull(account);

    expect(report.folders[0]).toMatchObject({ mode: "first-sync", fetched: COUNT, created: 0, duplicate: COUNT, unhandled: 0, errors: [] });
    expect((await rows(site.local, "Communication")).map((c) => c.message_id)).toEqual(MAILS.map((_mail, i) => `cursor-${i + 1}@customer.test`));
    expect(accountWrites(site.requests().slice(before))).toEqual([]);
    expect(fs.existsSync(site.cursorFile)).toBe(true);
  });

  test("`sync --once --site <url>` picks the file under FEA_STATE_DIR by itself", async () => {
    const state = tempDir("fea-state-");
    try {
      const run = await runCli(["sync", "--once", "--site", site.remote.label, "--ca-file", rig().caCert, "--account", account], {
        cwd: state.dir,
        env: { FRAPPE_API_KEY: API_KEY, FRAPPE_API_SECRET: API_SECRET, FEA_STATE_DIR: state.dir, HOME: state.dir },
      });

      expect(run).toMatchObject({ code: 0 });
      expect(await site.local.count("Communication")).toBe(COUNT);
      expect(accountWrites(site.requests())).toEqual([]);
      const file = cursorFileFor(`${state.dir}/cursors`, site.remote.label);
      expect((JSON.parse(fs.readFileSync(file, "utf8")) as { accounts: Record<string, unknown> }).accounts).toHaveProperty([account, "INBOX"]);
    } finally {
      state.cleanup();
    }
  });
});
