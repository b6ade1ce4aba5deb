import { openLocalSite } from "../../../src/open-site";
import { tempDir } from "../../helpers/temp-site";
import { resetMailbox, seedMaildir } from "../../rig";
import { pullInto, RemoteMailSite, type RequestLine, rigAccount } from "./remote-mail-fixture";
import { rawMail, seededBytes } from "./rig-mails";

// 500 mails twice over real IMAP and HTTP.
jest.setTimeout(300_000);

const COUNT = 500;
const ATTACHMENT = seededBytes("rate-attachment", 20 * 1024);

/** Every 10th mail carries an attachment; every 5th answers the mail before it (threading, no new Issue). */
function mails(): string[] {
  return Array.from({ length: COUNT }, (_unused, i) =>
    rawMail({
      id: `rate-${i + 1}@customer.test`,
      from: `Customer ${i % 50} <customer-${i % 50}@customer.test>`,
      subject: i % 5 === 4 ? `Re: Question ${i}` : `Question ${i + 1}`,
      ...(i % 5 === 4 ? { inReplyTo: `rate-${i}@customer.test` } : {}),
      ...(i % 10 === 9 ? { attachments: [{ filename: `scan-${i + 1}.bin`, contentType: "application/octet-stream", content: ATTACHMENT }] } : {}),
    }),
  );
}

function requestsByKind(requests: RequestLine[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const { method, path } of requests) {
    const kind = `${method} ${path.replace(/^(\/api\/resource\/[^/]+)\/.+$/, "$1/:name")}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(kinds).sort((a, b) => b[1] - a[1]));
}

describe(`a ${COUNT}-mail pull, remote site vs embedded site (rig)`, () => {
  test("stores every mail on both; the remote pull stays within a few requests per mail over kept-alive connections", async () => {
    await resetMailbox("spare");
    await seedMaildir("spare", "INBOX", mails());

    const temp = tempDir("fea-mail-rate-");
    const embedded = openLocalSite({ file: temp.file });
    const remote = await RemoteMailSite.start();
    try {
      const { doc } = await embedded.insert(rigAccount("spare", { appendTo: "Issue", initialSyncCount: 500 }), { noConnect: true });
      const account = String(doc.name);
      await remote.addAccount("spare", { appendTo: "Issue", initialSyncCount: 500 });

      let started = Date.now();
      const embeddedReport = await pullInto(embedded, account);
      const embeddedMs = Date.now() - started;

      const before = remote.requests().length;
      started = Date.now();
      const remoteReport = await remote.pull(account);
      const remoteMs = Date.now() - started;
      const requests = remote.requests().slice(before);

      for (const report of [embeddedReport, remoteReport]) expect(report.folders[0]).toMatchObject({ fetched: COUNT, created: COUNT, errors: [] });
      expect(await remote.local.count("Communication")).toBe(COUNT);
      expect(await remote.local.count("Issue")).toBe(await embedded.count("Issue"));
      expect(await remote.local.count("File", { is_folder: 0 })).toBe(COUNT / 10);

      const perMail = requests.length / COUNT;
      const measured = {
        mails: COUNT,
        embedded: { ms: embeddedMs, mailsPerSecond: Math.round((COUNT / embeddedMs) * 10_000) / 10 },
        remote: {
          ms: remoteMs,
          mailsPerSecond: Math.round((COUNT / remoteMs) * 10_000) / 10,
          requests: requests.length,
          requestsPerMail: perMail,
          // Time the served site spent answering (the rest is the client, IMAP and parsing).
          serverMs: requests.reduce((sum, request) => sum + request.ms, 0),
          connections: remote.proxy.connections(),
        },
        requestsByKind: requestsByKind(requests),
      };
      console.log(`remote vs embedded pull: ${JSON.stringify(measured, null, 2)}`);
      // A plain mail costs 5 requests (3 reads, Issue, Communication; the reply skips the Issue), one with a File 2 more.
      // The cursor stays on this machine (FileCursorStore): no set_value, i.e. no save of the Email Account, per mail.
      expect(requestsByKind(requests)["POST /api/method/frappe.client.set_value"]).toBeUndefined();
      expect(perMail).toBeLessThanOrEqual(6);
      // Kept-alive: one connection carries the requests one after another (a second may open after an idle gap).
      expect(remote.proxy.connections()).toBeLessThanOrEqual(3);
    } finally {
      await remote.close();
      await embedded.close();
      temp.cleanup();
    }
  });
});
