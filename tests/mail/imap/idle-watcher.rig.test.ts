import { IdleWatcher } from "../../../src/mail/imap";
import { appendMessage, doveadm, resetMailbox, rig } from "../../rig";
import { plainMail, PullSite } from "./pull-rig-fixture";

// Real servers, real mail: more than jest's default 5 s per test.
jest.setTimeout(60_000);

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("IdleWatcher (rig)", () => {
  let ps: PullSite;
  beforeEach(async () => {
    await resetMailbox("bench");
    ps = new PullSite();
  });
  afterEach(() => ps.close());

  test("reports new mail in the folder as it arrives, and again after the server dropped the IDLE connection", async () => {
    const account = await ps.site.get("Email Account", await ps.addAccount("bench"));
    const connections = ps.connections();
    let news = 0;
    const watcher = new IdleWatcher({ connections, account, folder: "INBOX", log: ps.log, onNewMail: () => (news += 1), backoff: { attempts: 3, baseMs: 50, maxMs: 100 } });
    try {
      expect(await watcher.start()).toBe(true);
      await appendMessage("bench", "INBOX", plainMail("idle-1"));
      await waitFor(() => news >= 1, 5000, "the first new-mail event");

      await doveadm(["kick", rig().users.bench.email]);
      await waitFor(() => ps.log.lines.some((line) => line.msg === "IDLE connection closed; reconnecting"), 5000, "the drop to be noticed");
      // After the reconnect the watcher says "maybe new mail" once, since mail may have come meanwhile.
      await waitFor(() => news >= 2 && connections.connects >= 2, 5000, "the reconnect");
      const beforeSecond = news;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await appendMessage("bench", "INBOX", plainMail("idle-2"));
      await waitFor(() => news > beforeSecond, 5000, "the second new-mail event");
    } finally {
      await watcher.stop();
      await connections.close();
    }
  });
});
