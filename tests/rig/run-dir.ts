import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateCertificate } from "./cert";
import { createPostfixDirs } from "./postfix-spool";
import { renderTemplate } from "./render";
import { RUN_DIR_PREFIX } from "./run-info";
import { MAIL_UID, RIG_DOMAIN, passwdFile, vmailboxFile } from "./users";
import { startTimeOf } from "./process-control";

export interface RigPorts {
  imap: number;
  imaps: number;
  imapHaproxy: number;
  lmtp: number;
  smtp: number;
  submission: number;
  smtps: number;
}

export const OWNER_FILE = "owner.json";

/**
 * A fresh run folder under the OS temp dir with the rendered configs, users, certificate and empty mail, log and
 * spool folders. owner.json names the jest process that owns it, so a later setup can tell a live run from the
 * leftovers of a crashed one.
 */
export function prepareRunDir(ports: RigPorts): string {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_DIR_PREFIX));
  // mkdtemp makes it 0700; Dovecot's login and mail processes (dovenull, uid 11000) and Postfix must traverse it.
  fs.chmodSync(runDir, 0o755);
  fs.writeFileSync(path.join(runDir, OWNER_FILE), JSON.stringify({ pid: process.pid, startTime: startTimeOf(process.pid) }));
  for (const dir of ["log", "dovecot", "postfix/conf"]) fs.mkdirSync(path.join(runDir, dir), { recursive: true });
  const mailDomain = path.join(runDir, "mail", RIG_DOMAIN);
  fs.mkdirSync(mailDomain, { recursive: true });
  fs.chownSync(mailDomain, MAIL_UID, MAIL_UID);
  createPostfixDirs(path.join(runDir, "postfix"));

  generateCertificate(path.join(runDir, "tls"));
  // Dovecot's auth process (user dovecot) reads it; test passwords only.
  fs.writeFileSync(path.join(runDir, "users.passwd"), passwdFile(runDir), { mode: 0o644 });
  fs.writeFileSync(path.join(runDir, "postfix", "conf", "vmailbox"), vmailboxFile());

  const values = {
    RUN_DIR: runDir,
    INSTANCE_NAME: path.basename(runDir),
    IMAP_PORT: ports.imap,
    IMAPS_PORT: ports.imaps,
    IMAP_HAPROXY_PORT: ports.imapHaproxy,
    LMTP_PORT: ports.lmtp,
    SMTP_PORT: ports.smtp,
    SUBMISSION_PORT: ports.submission,
    SMTPS_PORT: ports.smtps,
  };
  renderTemplate("dovecot.conf.template", path.join(runDir, "dovecot.conf"), values);
  renderTemplate("postfix/main.cf.template", path.join(runDir, "postfix", "conf", "main.cf"), values);
  renderTemplate("postfix/master.cf.template", path.join(runDir, "postfix", "conf", "master.cf"), values);
  backdatePostfixConfig(path.join(runDir, "postfix", "conf"));
  return runDir;
}

/**
 * Postfix will not read a table or config file changed within the last second or two (it might be half
 * written): it re-reads every 300 ms until the file is old enough, which cost each start about 2 s.
 */
function backdatePostfixConfig(confDir: string): void {
  const aMinuteAgo = new Date(Date.now() - 60_000);
  for (const name of fs.readdirSync(confDir)) fs.utimesSync(path.join(confDir, name), aMinuteAgo, aMinuteAgo);
}
