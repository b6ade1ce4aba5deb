import { simpleParser } from "mailparser";
import { queueEmail } from "../../../src/mail/outbound";
import { openLocalSite } from "../../../src/open-site";
import { eventually, JobsSite, RIG_OUTBOUND, RIG_SITE_HOST, rigSupport } from "../../mail/jobs/jobs-rig-fixture";
import { resetMailbox, rig, waitForMessage } from "../../rig";
import { jsonOf, runCli } from "../run-cli";
import { ensureBuilt, startSyncChild } from "./sync-child";

jest.setTimeout(120_000);

const config = { siteHost: RIG_SITE_HOST, ...RIG_OUTBOUND };
const hasText = (text: string) => (message: { raw: Buffer }) => message.raw.toString("utf8").includes(text);

describe("sync sends the Email Queue (rig)", () => {
  let js: JobsSite;
  beforeAll(() => ensureBuilt(), 180_000);
  beforeEach(async () => {
    await Promise.all([resetMailbox("support"), resetMailbox("info")]);
    js = new JobsSite();
    await js.insert(rigSupport());
  });
  afterEach(() => js.close());

  test("--once pulls, then flushes the queue once: a queued mail is delivered and reported", async () => {
    const queued = await queueEmail(js.site, { recipients: rig().users.info.email, subject: "Queued before the run", content: "<p>Hello Info</p>" }, { config });
    await js.release();

    const run = await runCli(["sync", "--once", "--json", "--site", js.temp.file, "--ca-file", rig().caCert], { cwd: js.temp.dir, env: { FEA_SITE_HOST: RIG_SITE_HOST } });

    expect(run.code).toBe(0);
    const body = jsonOf(run) as { accounts: Array<{ account: string }>; queue: { picked: number; sent: number; failed: number; rows: Array<{ name: string; status: string }> } };
    expect(body.accounts.map((account) => account.account)).toEqual(["Support"]);
    expect(body.queue).toMatchObject({ picked: 1, sent: 1, failed: 0, rows: [{ name: queued.queue[0], status: "Sent" }] });
    const mail = await simpleParser((await waitForMessage("info", "INBOX", hasText(String(queued.messageId)))).raw);
    expect(mail.subject).toBe("Queued before the run");
    expect(run.stderr).not.toContain(rig().users.support.password);
  });

  test("running: the scheduler's flush sends queued mail (also mail queued while it runs); SIGTERM stops scheduler, IMAP and SMTP, exit 0", async () => {
    const before = await queueEmail(js.site, { recipients: rig().users.info.email, subject: "Before start", content: "<p>one</p>" }, { config });
    await js.release();

    // One scheduler minute every 250 ms: the 4-minute flush runs about once a second.
    const sync = startSyncChild(js.temp.file, ["--ca-file", rig().caCert, "--interval", "3600"], { FEA_SCHEDULER_TICK_MS: "250", FEA_SITE_HOST: RIG_SITE_HOST });
    try {
      await waitForMessage("info", "INBOX", hasText(String(before.messageId)), 30_000);
      const site = openLocalSite({ file: js.temp.file });
      let during: Awaited<ReturnType<typeof queueEmail>>;
      try {
        during = await queueEmail(site, { recipients: rig().users.info.email, subject: "While running", content: "<p>two</p>" }, { config });
      } finally {
        await site.close();
      }
      await waitForMessage("info", "INBOX", hasText(String(during.messageId)), 30_000);
      await eventually(() => sync.stderr().includes("watching for new mail (IDLE)"), 30_000, "the IDLE watcher");
    } finally {
      sync.process.kill("SIGTERM");
    }

    expect(await sync.exit).toEqual({ code: 0, signal: null });
    const stderr = sync.stderr();
    expect(stderr).toContain("scheduler started on a test clock");
    expect(stderr).toMatch(/Email Queue flushed .*sent=1/);
    expect(stderr).toContain("stopping: finishing the mail in hand, then closing the connections");
    expect(stderr).toContain("scheduler stopped");
    expect(stderr).toContain("mail connections closed");
    expect(stderr).not.toMatch(/^error:/m);
    expect(stderr).not.toContain(rig().users.support.password);
    const site = openLocalSite({ file: js.temp.file });
    try {
      expect(await site.count("Email Queue", { status: "Sent" })).toBe(2);
    } finally {
      await site.close();
    }
  });
});
