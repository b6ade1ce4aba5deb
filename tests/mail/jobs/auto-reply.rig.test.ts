import { simpleParser } from "mailparser";
import { deliverViaSmtp, listMailbox, resetMailbox, rig, waitForMessage } from "../../rig";
import { runCli } from "../../cli/run-cli";
import { JobsSite, RIG_OUTBOUND, RIG_SITE_HOST, rigSupport } from "./jobs-rig-fixture";

jest.setTimeout(60_000);

const env = { FEA_SITE_HOST: RIG_SITE_HOST, FEA_SITE_URL: RIG_OUTBOUND.siteUrl, FEA_SITE_SECRET: RIG_OUTBOUND.secret };

/** A customer's mail to the rig's Support mailbox, through Postfix; resolves once Dovecot has it. */
async function mailToSupport(from: "info" | "lead", messageId: string, subject: string, headers: Record<string, string> = {}): Promise<void> {
  await deliverViaSmtp({ from: rig().users[from].email, to: rig().users.support.email, subject, text: `${subject}, please.`, messageId: `<${messageId}>`, headers });
  await waitForMessage("support", "INBOX", (message) => message.raw.toString("utf8").includes(messageId));
}

describe("auto-reply end to end: Dovecot -> sync --once -> Postfix -> the sender's mailbox", () => {
  let js: JobsSite;
  const syncOnce = () => runCli(["sync", "--once", "--site", js.temp.file, "--ca-file", rig().caCert], { cwd: js.temp.dir, env });

  beforeEach(async () => {
    await Promise.all((["support", "info", "lead"] as const).map((user) => resetMailbox(user)));
    js = new JobsSite();
    await js.insert(rigSupport({ enable_auto_reply: 1, auto_reply_message: "<p>We got your mail about {{ subject }} ({{ reference_doctype }} {{ reference_name }}).</p>" }));
    await js.release();
  });
  afterEach(() => js.close());

  test("one reply with the RFC 3834 headers; a second mail from the same sender gets none; an auto-submitted mail gets none", async () => {
    await mailToSupport("info", "first@info.example.test", "Printer broken");

    const first = await syncOnce();

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Support\s+INBOX\s+\S+\s+1\s+1\s/m);
    expect(first.stdout).toContain("Email Queue: 1 sent, 0 failed.");
    const arrived = await waitForMessage("info", "INBOX", () => true);
    const reply = await simpleParser(arrived.raw);
    expect(reply.subject).toBe("Re: Printer broken");
    expect(reply.from?.value[0]?.address).toBe(rig().users.support.email);
    expect(reply.inReplyTo).toBe("<first@info.example.test>");
    expect(reply.headers.get("auto-submitted")).toBe("auto-replied");
    expect(reply.headers.get("x-auto-response-suppress")).toBe("All");
    expect(reply.headers.get("precedence")).toBe("auto_reply");
    expect(reply.html).toMatch(/We got your mail about Printer broken \(ToDo [^ )]+\)\./);

    // Within the window: the same sender again, then another sender's auto-responder.
    await mailToSupport("info", "second@info.example.test", "Printer still broken");
    await mailToSupport("lead", "ooo@lead.example.test", "Out of office", { "Auto-Submitted": "auto-replied" });

    const second = await syncOnce();

    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Support\s+INBOX\s+\S+\s+2\s+2\s/m);
    expect(second.stdout).not.toContain("Email Queue:");
    const site = js.reopen();
    expect(await site.count("Communication", { sent_or_received: "Received" })).toBe(3);
    expect(await site.count("Communication", { communication_type: "Automated Message" })).toBe(1);
    expect(await site.count("Email Queue")).toBe(1);
    // Nothing else left the site, so nothing else can arrive.
    expect(await listMailbox("info", "INBOX")).toHaveLength(1);
    expect(await listMailbox("lead", "INBOX")).toHaveLength(0);
    expect(first.stderr + second.stderr).not.toContain(rig().users.support.password);
  });
});
