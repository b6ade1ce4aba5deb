import { createMailEngine, type MailEngine } from "../../src/mail/engine";
import { plainMail } from "./imap/pull-rig-fixture";
import { eventually, JobsSite, RIG_OUTBOUND, RIG_SITE_HOST, rigSupport } from "./jobs/jobs-rig-fixture";
import { appendMessage, resetMailbox, rig } from "../rig";

jest.setTimeout(60_000);

describe("createMailEngine (rig)", () => {
  let js: JobsSite;
  let engine: MailEngine;
  const folderPulls = () => js.log.lines.filter((line) => line.msg === "folder pulled").length;

  beforeEach(async () => {
    await resetMailbox("support");
    js = new JobsSite();
    await js.insert(rigSupport({ enable_auto_reply: 1, send_unsubscribe_message: 0 }));
    engine = createMailEngine({ site: js.site, log: js.log, siteHost: RIG_SITE_HOST, tls: { ca: rig().ca }, outbound: RIG_OUTBOUND });
  });
  afterEach(async () => {
    await engine.close();
    await js.close();
  });

  test("J1 asked twice at once pulls once; the new mail is stored once and its auto-reply queued once by the pull itself", async () => {
    await appendMessage("support", "INBOX", plainMail("engine-1"));
    const signal = new AbortController().signal;

    await Promise.all([engine.pullAll(signal), engine.pullAll(signal)]);

    expect(folderPulls()).toBe(1);
    expect(await js.site.count("Communication", { message_id: "engine-1@outside.test" })).toBe(1);
    expect(await js.site.count("Email Queue")).toBe(1);
    expect(js.log.lines.some((line) => line.msg === "auto-reply queued")).toBe(true);
    await engine.pullAll(signal);
    expect(folderPulls()).toBe(2);
    expect(await js.site.count("Email Queue")).toBe(1);
  });

  test("while the continuous pull runs, J1 adds no pull of its own", async () => {
    const controller = new AbortController();
    const continuous = engine.runContinuousPull(controller.signal, { pollIntervalMs: 3_600_000, idle: false });
    await eventually(() => folderPulls() === 1, 20_000, "the continuous pull's first pass");

    await engine.pullAll(new AbortController().signal);

    expect(folderPulls()).toBe(1);
    expect(js.log.lines.some((line) => line.msg === "J1 pull skipped: the continuous pull (IDLE + polling) is running")).toBe(true);
    controller.abort();
    await continuous;
  });

  test("close() logs out and closes the SMTP pools; jobs afterwards do nothing", async () => {
    const signal = new AbortController().signal;
    await engine.pullAll(signal);
    expect(engine.connections.connects).toBe(1);

    await engine.close();
    await engine.close();

    await appendMessage("support", "INBOX", plainMail("engine-after-close"));
    await engine.pullAll(signal);
    expect(await engine.flush(signal)).toEqual({ picked: 0, sent: 0, failed: 0, skipped: 0, rows: [] });
    expect(await engine.notifyUnrepliedAccounts(signal)).toEqual([]);
    expect(await js.site.count("Communication")).toBe(0);
    expect(engine.transports.size).toBe(0);
    expect(js.log.lines.filter((line) => line.msg === "mail connections closed")).toHaveLength(1);
  });
});
