import { spawnSync } from "node:child_process";
import fs from "node:fs";

/** The Debian packages the rig runs on. CI installs them in `.ci/run`; this is the fallback for a bare machine. */
export const RIG_PACKAGES = ["dovecot-imapd", "dovecot-lmtpd", "postfix", "openssl"] as const;

/** imap and lmtp are Dovecot services, not commands on PATH: check the files themselves. */
const REQUIRED_FILES = [
  "/usr/sbin/dovecot",
  "/usr/bin/doveadm",
  "/usr/lib/dovecot/imap",
  "/usr/lib/dovecot/lmtp",
  "/usr/sbin/postfix",
  "/usr/bin/openssl",
];

const POLICY_RC_D = "/usr/sbin/policy-rc.d";
const APT_ENV = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };

export function missingServerFiles(): string[] {
  return REQUIRED_FILES.filter((file) => !fs.existsSync(file));
}

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** What a developer without root must do; said once, exactly. */
export function installAdvice(): string {
  return (
    "The mail test rig needs Dovecot and Postfix, which are not installed, and only root can install them. Run:\n" +
    '  echo "postfix postfix/main_mailer_type select No configuration" | sudo debconf-set-selections\n' +
    `  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${RIG_PACKAGES.join(" ")}\n` +
    "then run the rig tests as root (Dovecot and Postfix must be started by root)."
  );
}

/**
 * Installs the packages when something is missing. Returns the milliseconds spent installing, or null when
 * everything was already there. Throws with the install advice when not root.
 */
export function ensureServerPackages(): number | null {
  if (missingServerFiles().length === 0) return null;
  if (!isRoot()) throw new Error(installAdvice());
  const started = Date.now();
  withServicesHeldBack(() => {
    preseedPostfix();
    if (!hasPackageLists()) run("apt-get", ["update", "-qq"]);
    const first = aptInstall();
    // Stale lists ("Unable to locate package", 404 on a superseded version): refresh once and retry.
    if (first.status !== 0) {
      run("apt-get", ["update", "-qq"]);
      const second = aptInstall();
      if (second.status !== 0) throw new Error(`apt-get install ${RIG_PACKAGES.join(" ")} failed:\n${tail(second.output)}`);
    }
  });
  const stillMissing = missingServerFiles();
  if (stillMissing.length > 0) throw new Error(`installed ${RIG_PACKAGES.join(" ")} but still missing: ${stillMissing.join(", ")}`);
  return Date.now() - started;
}

function aptInstall(): { status: number | null; output: string } {
  const result = spawnSync(
    "apt-get",
    ["install", "-y", "-qq", "--no-install-recommends", ...RIG_PACKAGES],
    { env: APT_ENV, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

/** Without systemd a package's postinst could still start the system's Dovecot; policy-rc.d exit 101 forbids it. */
function withServicesHeldBack(install: () => void): void {
  const ours = !fs.existsSync(POLICY_RC_D);
  if (ours) fs.writeFileSync(POLICY_RC_D, "#!/bin/sh\n# written by tests/rig/install.ts while installing\nexit 101\n", { mode: 0o755 });
  try {
    install();
  } finally {
    if (ours) fs.rmSync(POLICY_RC_D, { force: true });
  }
}

/** "No configuration": Postfix asks nothing and writes no /etc/postfix/main.cf; the rig brings its own. */
function preseedPostfix(): void {
  const result = spawnSync("debconf-set-selections", [], {
    input: "postfix postfix/main_mailer_type select No configuration\n",
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`debconf-set-selections failed: ${tail(result.stderr ?? "")}`);
}

function hasPackageLists(): boolean {
  const dir = "/var/lib/apt/lists";
  return fs.existsSync(dir) && fs.readdirSync(dir).some((name) => name.includes("_Packages"));
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { env: APT_ENV, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${tail(`${result.stdout}${result.stderr}`)}`);
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
