import path from "node:path";
import { openLocalSite } from "../../../src/open-site";
import { tempDir } from "../../helpers/temp-site";
import { rig } from "../../rig";
import { errorOutput, jsonOf, runCli, stdinWith } from "../run-cli";

/**
 * The CLI with its default, real mail context against the rig: `seed` pointed at the rig,
 * `set-password` logging in for real, and `doctor` (human and --json).
 */

interface DoctorJson {
  site: string;
  ok: boolean;
  accounts: Array<{ account: string; email_id: string; ok: boolean; checks: Array<{ id: string; status: string; detail: string; fix?: string }> }>;
}

describe("doctor and the real mail context in the CLI", () => {
  let temp: ReturnType<typeof tempDir>;
  /** The real mail engine (run-cli turns it off by default), trusting the rig's CA. */
  const trusting = () => ({ FEA_MAIL_ENGINE: "on", NODE_EXTRA_CA_CERTS: rig().caCert });

  beforeEach(async () => {
    temp = tempDir("fea-cli-doctor-");
    const { host, imap, smtp } = rig();
    const seed = await runCli(
      ["seed", "--domain", "example.test", "--imap-host", host, "--imap-port", String(imap.tls), "--imap-tls", "ssl", "--smtp-host", host, "--smtp-port", String(smtp.submission), "--smtp-tls", "starttls"],
      { cwd: temp.dir },
    );
    expect(seed.code).toBe(0);
    // The seeded accounts do not carry the domain's IMAP port (incoming_port has no fetch_from; Frappe's form
    // copies it), so it is set here as a user of a non-standard port would.
    const site = openLocalSite({ file: path.join(temp.dir, "frappe-email-account.sqlite") });
    try {
      for (const name of ["Info", "Lead", "Sales", "Support"]) await site.setValue("Email Account", name, { incoming_port: String(imap.tls) });
    } finally {
      await site.close();
    }
  });
  afterEach(() => temp.cleanup());

  test("set-password logs in for real: the right password is stored, a wrong one is refused with Frappe's message and advice", async () => {
    const ok = await runCli(["set-password", "Support"], { cwd: temp.dir, env: trusting(), stdin: stdinWith(`${rig().users.support.password}\n`) });
    expect(ok).toMatchObject({ code: 0, stdout: "password set for Email Account Support\n" });

    const wrong = "Definitely-Wrong-42";
    const refused = await runCli(["set-password", "Sales"], { cwd: temp.dir, env: trusting(), stdin: stdinWith(`${wrong}\n`) });
    expect(refused.code).toBe(1);
    expect(errorOutput(refused)).toMatch(/^error: OutgoingEmailError: Please check your email login credentials\. Invalid login: 535 .* app password/);
    expect(refused.stderr + refused.stdout).not.toContain(wrong);
  });

  test("doctor --json: one object per account, exit 0 when nothing fails", async () => {
    await runCli(["set-password", "Support"], { cwd: temp.dir, env: trusting(), stdin: stdinWith(`${rig().users.support.password}\n`) });
    const run = await runCli(["doctor", "--json", "--timeout", "3"], { cwd: temp.dir, env: trusting() });
    expect(run.code).toBe(0);
    const body = jsonOf(run) as DoctorJson;
    expect(body.ok).toBe(true);
    expect(body.accounts.map((a) => [a.account, a.ok])).toEqual([["Info", true], ["Lead", true], ["Sales", true], ["Support", true]]);
    const support = body.accounts.find((a) => a.account === "Support")!;
    expect(support.checks.filter((c) => c.status === "fail")).toEqual([]);
    expect(support.checks.find((c) => c.id === "incoming.login")).toMatchObject({ status: "ok" });
    expect(support.checks.find((c) => c.id === "outgoing.auth")).toMatchObject({ status: "ok" });
    const lead = body.accounts.find((a) => a.account === "Lead")!;
    expect(lead.checks.find((c) => c.id === "incoming.login")).toMatchObject({ status: "skipped", detail: expect.stringMatching(/awaits its password/) });
    expect(run.stdout).not.toContain(rig().users.support.password);
  });

  test("doctor ACCOUNT without the rig's CA: a readable report, the certificate advice, exit 1", async () => {
    await runCli(["set-password", "Support"], { cwd: temp.dir, env: trusting(), stdin: stdinWith(`${rig().users.support.password}\n`) });
    const run = await runCli(["doctor", "Support", "--timeout", "3"], { cwd: temp.dir });
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[2]).toBe("Support <support@example.test>: 2 failed");
    expect(lines[3]).toBe("  ok    DNS 127.0.0.1: an IP address, nothing to resolve");
    expect(run.stdout).toMatch(/\n {2}FAIL {2}TLS \(SSL\/TLS\): TLSv1\.\d \(implicit TLS\); certificate localhost .*DEPTH_ZERO_SELF_SIGNED_CERT\n {8}fix: The certificate of 127\.0\.0\.1 is self-signed/);
    expect(run.stdout).toMatch(/\n {2}skip {2}login as support@example\.test: not run: the server could not be reached safely\n/);
    expect(run.stdout.trimEnd().split("\n").pop()).toBe("doctor: 1 of 1 account with failed checks");
  });
});
