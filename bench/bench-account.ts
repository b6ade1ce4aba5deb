import { rig } from "../tests/rig";

/** The rig user whose folders the bench fills and pulls. */
export const BENCH_USER = "bench" as const;

/**
 * Where the bench connects: the rig's 143-style port, plain IMAP (no SSL, no STARTTLS), for the raw fetch and
 * the pull alike, so both pay the same transport. Dovecot counts loopback as secured, so LOGIN is allowed.
 */
export function benchServer(): { host: string; port: number; user: string; password: string } {
  const { host, imap, users } = rig();
  return { host, port: imap.plain, user: users[BENCH_USER].email, password: users[BENCH_USER].password };
}
