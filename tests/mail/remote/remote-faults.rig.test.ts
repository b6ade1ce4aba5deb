import { setTimeout as sleep } from "node:timers/promises";
import { createHookRegistry } from "../../../hooks";
import type { Doc } from "../../../src/core/doc";
import { resetMailbox, seedMaildir } from "../../rig";
import { RemoteMailSite, rows } from "./remote-mail-fixture";
import { md5, type MailSpec, rawMail, seededBytes } from "./rig-mails";

jest.setTimeout(60_000);

const COMMUNICATION = "/api/resource/Communication";
const ISSUE = "/api/resource/Issue";
const UPLOAD = "/api/method/upload_file";

const REPORT = seededBytes("faults-report", 200 * 1024);
const LOGO = seededBytes("faults-logo", 1024);
const WITH_FILES: MailSpec = {
  id: "files-1@customer.test",
  subject: "Report with logo",
  attachments: [
    { filename: "report.bin", contentType: "application/octet-stream", content: REPORT },
    { filename: "logo.png", contentType: "image/png", content: LOGO, cid: "logo@customer.test" },
  ],
};

/** What landed on the served site, in numbers. */
async function counts(site: RemoteMailSite): Promise<Record<string, number>> {
  return {
    communications: await site.local.count("Communication"),
    issues: await site.local.count("Issue"),
    files: await site.local.count("File", { is_folder: 0 }),
    unhandled: await site.local.count("Unhandled Email"),
  };
}

/** Each address has exactly one Contact (the site's controller made them; a repeated insert must not add any). */
async function expectOneContactPerAddress(site: RemoteMailSite): Promise<void> {
  const emails = (await rows(site.local, "Contact Email")).map((row) => String(row.email_id));
  expect(emails.sort()).toEqual([...new Set(emails)].sort());
  expect(await site.local.count("Contact")).toBe(emails.length);
}

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("the awaited state did not come");
    await sleep(25);
  }
}

describe("faults while a pull writes into a remote site: each mail once, nothing lost (rig)", () => {
  let site: RemoteMailSite | undefined;
  beforeEach(() => resetMailbox("spare"));
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  async function setUp(mails: MailSpec[], options: Parameters<typeof RemoteMailSite.start>[0] = {}): Promise<{ site: RemoteMailSite; account: string }> {
    await seedMaildir("spare", "INBOX", mails.map(rawMail));
    site = await RemoteMailSite.start({ timeoutMs: 500, ...options });
    return { site, account: await site.addAccount("spare", { appendTo: "Issue" }) };
  }

  test("a Communication insert that outlasts the client's timeout is stored once (looked up by Message-ID before a retry)", async () => {
    const { site, account } = await setUp([{ id: "slow-1@customer.test", subject: "Slow site" }]);
    site.injectFault({ method: "POST", path: COMMUNICATION, action: { kind: "delay", ms: 800 } });

    const report = await site.pull(account);

    expect(site.server.pendingFaults()).toBe(0);
    expect(report.folders[0]).toMatchObject({ created: 1, errors: [] });
    expect(await counts(site)).toEqual({ communications: 1, issues: 1, files: 0, unhandled: 0 });
    // Not sent again: the lookup found the stored copy, so the site's controller made each Contact once.
    expect(site.engineLog.lines.filter((line) => line.msg === "the failed write had landed; not repeating it")).toHaveLength(1);
    await expectOneContactPerAddress(site);
  });

  test("drop-after-write on the Issue insert: the Issue the site stored is taken, not doubled", async () => {
    const { site, account } = await setUp([{ id: "issue-drop-1@customer.test", subject: "Issue answer lost" }]);
    site.injectFault({ method: "POST", path: ISSUE, action: { kind: "drop-after-write" } });

    const report = await site.pull(account);

    expect(site.server.pendingFaults()).toBe(0);
    expect(report.folders[0]).toMatchObject({ created: 1, errors: [] });
    expect(await counts(site)).toEqual({ communications: 1, issues: 1, files: 0, unhandled: 0 });
    const [issue] = await rows(site.local, "Issue");
    const [communication] = await rows(site.local, "Communication");
    expect(communication).toMatchObject({ reference_doctype: "Issue", reference_name: issue?.name });
  });

  test("an Issue insert that outlasts the timeout holds the mail; the next pull takes the Issue it left behind", async () => {
    const { site, account } = await setUp([{ id: "issue-slow-1@customer.test", subject: "Issue insert slow" }]);
    site.injectFault({ method: "POST", path: ISSUE, action: { kind: "delay", ms: 900 } });

    const first = await site.pull(account);

    // Not refused by the site, so not an Unhandled Email: the cursor stays before the mail.
    expect(first.folders[0]).toMatchObject({ created: 0, unhandled: 0 });
    expect(first.folders[0]?.errors).toHaveLength(1);
    expect(first.folders[0]?.errors[0]).toMatch(/did not answer within 500 ms/);
    await until(async () => (await site.local.count("Issue")) === 1);

    const second = await site.pull(account);

    expect(second.folders[0]).toMatchObject({ created: 1, errors: [] });
    expect(await counts(site)).toEqual({ communications: 1, issues: 1, files: 0, unhandled: 0 });
    const [issue] = await rows(site.local, "Issue");
    expect((await rows(site.local, "Communication"))[0]).toMatchObject({ reference_doctype: "Issue", reference_name: issue?.name });
  });

  test("drop-after-write on upload_file: each attachment is stored once, its content whole", async () => {
    const { site, account } = await setUp([WITH_FILES]);
    site.injectFault({ method: "POST", path: UPLOAD, action: { kind: "drop-after-write" }, times: 2 });

    const report = await site.pull(account);

    expect(site.server.pendingFaults()).toBe(0);
    expect(report.folders[0]).toMatchObject({ created: 1, errors: [] });
    expect(await counts(site)).toEqual({ communications: 1, issues: 1, files: 2, unhandled: 0 });
    const [communication] = await rows(site.local, "Communication");
    const files = await rows(site.local, "File", { is_folder: 0 });
    expect(files.map((f) => [f.file_name, f.content_hash, f.attached_to_name])).toEqual([
      ["report.bin", md5(REPORT), communication?.name],
      ["logo.png", md5(LOGO), communication?.name],
    ]);
    expect(communication?.has_attachment).toBe(1);
  });

  test("a 502 before the site did anything is repeated: Issue, Communication and Files each stored once", async () => {
    const { site, account } = await setUp([WITH_FILES]);
    for (const path of [ISSUE, COMMUNICATION, UPLOAD]) site.injectFault({ method: "POST", path, action: { kind: "status", status: 502 } });

    const report = await site.pull(account);

    expect(site.server.pendingFaults()).toBe(0);
    expect(report.folders[0]).toMatchObject({ created: 1, errors: [] });
    expect(await counts(site)).toEqual({ communications: 1, issues: 1, files: 2, unhandled: 0 });
    await expectOneContactPerAddress(site);
  });

  test("a site that stops answering mid-mail keeps what it stored; the next pull uploads only the missing File", async () => {
    const hooks = createHookRegistry();
    let stored = 0;
    // After the first attachment is stored, upload_file fails with 503 through all of the client's retries.
    hooks.register({
      doc_events: {
        File: {
          after_insert: (doc: Doc) => {
            if (!doc.is_folder && ++stored === 1) site?.injectFault({ method: "POST", path: UPLOAD, action: { kind: "status", status: 503 }, times: 4 });
          },
        },
      },
    });
    const { site: remote, account } = await setUp([WITH_FILES], { hooks });

    const first = await remote.pull(account);

    expect(first.folders[0]).toMatchObject({ created: 0, unhandled: 0 });
    expect(first.folders[0]?.errors[0]).toMatch(/503/);
    expect(await counts(remote)).toEqual({ communications: 1, issues: 1, files: 1, unhandled: 0 });
    expect((await rows(remote.local, "Communication"))[0]?.has_attachment).toBe(0);

    const second = await remote.pull(account);

    expect(second.folders[0]).toMatchObject({ created: 1, duplicate: 0, errors: [] });
    expect(await counts(remote)).toEqual({ communications: 1, issues: 1, files: 2, unhandled: 0 });
    const [communication] = await rows(remote.local, "Communication");
    const files = await rows(remote.local, "File", { is_folder: 0 });
    expect(files.map((f) => f.content_hash)).toEqual([md5(REPORT), md5(LOGO)]);
    expect(communication?.has_attachment).toBe(1);
    expect(String(communication?.content)).toContain(`src="${String(files[1]?.file_url)}"`);
  });

  test("a mail without Message-ID whose Communication answer was lost is found by folder and UID on the next pull", async () => {
    const { site, account } = await setUp([{ id: null, subject: "No Message-ID here" }]);
    site.injectFault({ method: "POST", path: COMMUNICATION, action: { kind: "drop-after-write" } });

    const first = await site.pull(account);

    expect(first.folders[0]?.errors[0]).toMatch(/the site may have stored it/);
    const second = await site.pull(account);

    expect(second.folders[0]).toMatchObject({ created: 0, duplicate: 1, errors: [] });
    expect(await counts(site)).toEqual({ communications: 1, issues: 1, files: 0, unhandled: 0 });
    const [issue] = await rows(site.local, "Issue");
    expect((await rows(site.local, "Communication"))[0]).toMatchObject({ message_id: "", reference_name: issue?.name });
  });
});
