import fs from "node:fs";
import type { RigUser, RigUserName } from "./users";

/** Jest workers find the run's JSON through this variable, set by global-setup in the parent process. */
export const RIG_INFO_ENV = "FEA_MAIL_RIG_INFO";
/** Each run's folder is `<os.tmpdir()>/<prefix>XXXXXX`; a later setup recognises a crashed run's leftovers by it. */
export const RUN_DIR_PREFIX = "fea-mail-rig-";
export const RUN_INFO_FILE = "rig.json";

export interface RigInfo {
  host: "127.0.0.1";
  imap: {
    /** 143-style: plaintext with STARTTLS offered (loopback counts as secure, so LOGIN works here). */
    plain: number;
    /** 993-style implicit TLS. */
    tls: number;
    /** Dovecot's `haproxy = yes` listener: a connection must start with a PROXY header. */
    haproxy: number;
    /** Shim claiming a remote client, LOGINDISABLED stripped: a plaintext LOGIN gets NO [PRIVACYREQUIRED]. */
    privacyRequired: number;
    /** Shim claiming a remote client, capabilities untouched: the server advertises LOGINDISABLED. */
    loginDisabled: number;
  };
  smtp: {
    /** 25-style: no AUTH, relaying allowed from 127.0.0.1. */
    plain: number;
    /** 587-style: STARTTLS required, then AUTH. */
    submission: number;
    /** 465-style: implicit TLS, then AUTH. */
    smtps: number;
  };
  lmtp: number;
  users: Record<RigUserName, RigUser>;
  /** The self-signed server certificate (PEM file), to pass as `tls: { ca }`. */
  caCert: string;
  runDir: string;
  dovecotConfig: string;
  postfixConfigDir: string;
  logs: { dovecot: string; postfix: string };
  pids: { dovecot: number; postfix: number };
}

export function writeRunInfo(file: string, info: RigInfo): void {
  fs.writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`);
}

export function readRunInfo(): RigInfo {
  const file = process.env[RIG_INFO_ENV];
  if (!file) {
    throw new Error(
      `${RIG_INFO_ENV} is not set: the mail rig runs only for *.rig.test.ts files in jest's "rig" project ` +
        "(npx jest --selectProjects rig)",
    );
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as RigInfo;
}
