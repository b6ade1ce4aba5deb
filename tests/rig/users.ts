/** The rig's mailboxes, all @example.test. Each password is `<local part>-pw` (test data, not a secret). */
export const RIG_USER_NAMES = ["info", "support", "lead", "sales", "bench", "other", "spare"] as const;
export type RigUserName = (typeof RIG_USER_NAMES)[number];

export const RIG_DOMAIN = "example.test";
/** Mail files belong to this uid/gid; it needs no /etc/passwd entry. */
export const MAIL_UID = 11000;

export interface RigUser {
  email: string;
  password: string;
}

export function rigUsers(): Record<RigUserName, RigUser> {
  const users = {} as Record<RigUserName, RigUser>;
  for (const name of RIG_USER_NAMES) users[name] = { email: `${name}@${RIG_DOMAIN}`, password: `${name}-pw` };
  return users;
}

/** Dovecot passwd-file lines; the uid:gid fields are required, or auth logs "missing userdb info". */
export function passwdFile(runDir: string): string {
  return Object.values(rigUsers())
    .map(({ email, password }) => {
      const home = `${runDir}/mail/${RIG_DOMAIN}/${email.split("@")[0]}`;
      return `${email}:{PLAIN}${password}:${MAIL_UID}:${MAIL_UID}::${home}::`;
    })
    .join("\n")
    .concat("\n");
}

/** Postfix virtual_mailbox_maps (texthash): a recipient not listed here is refused at RCPT time. */
export function vmailboxFile(): string {
  return Object.values(rigUsers())
    .map(({ email }) => `${email} ${RIG_DOMAIN}/${email.split("@")[0]}/`)
    .join("\n")
    .concat("\n");
}
