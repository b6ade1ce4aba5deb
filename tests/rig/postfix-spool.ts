import fs from "node:fs";
import path from "node:path";

/**
 * Postfix's queue and data folders, as /etc/postfix/postfix-files lists them. Made here rather than by
 * `postfix start`: its integrity check (post-install create-missing, postsuper) costs about 2 s per run.
 */
const SPOOL_DIRS: Array<[name: string, owner: "postfix" | "root", group: "postdrop" | "root", mode: number]> = [
  ["active", "postfix", "root", 0o700],
  ["bounce", "postfix", "root", 0o700],
  ["corrupt", "postfix", "root", 0o700],
  ["defer", "postfix", "root", 0o700],
  ["deferred", "postfix", "root", 0o700],
  ["flush", "postfix", "root", 0o700],
  ["hold", "postfix", "root", 0o700],
  ["incoming", "postfix", "root", 0o700],
  ["private", "postfix", "root", 0o700],
  ["maildrop", "postfix", "postdrop", 0o730],
  ["public", "postfix", "postdrop", 0o710],
  ["pid", "root", "root", 0o755],
  ["saved", "postfix", "root", 0o700],
  ["trace", "postfix", "root", 0o700],
];

/** `<postfixDir>/spool` (queue_directory) and `<postfixDir>/data` (data_directory, owned by postfix). */
export function createPostfixDirs(postfixDir: string): void {
  const ids = { postfix: systemId("passwd", "postfix"), postdrop: systemId("group", "postdrop"), root: 0 };
  const spool = path.join(postfixDir, "spool");
  fs.mkdirSync(spool, { recursive: true, mode: 0o755 });
  for (const [name, owner, group, mode] of SPOOL_DIRS) {
    const dir = path.join(spool, name);
    fs.mkdirSync(dir);
    fs.chownSync(dir, ids[owner], ids[group]);
    fs.chmodSync(dir, mode);
  }
  const data = path.join(postfixDir, "data");
  fs.mkdirSync(data);
  fs.chownSync(data, ids.postfix, 0);
  fs.chmodSync(data, 0o700);
}

/** uid of a user or gid of a group from /etc/passwd or /etc/group (Node has no getpwnam). */
function systemId(database: "passwd" | "group", name: string): number {
  const line = fs
    .readFileSync(`/etc/${database}`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${name}:`));
  const id = Number(line?.split(":")[2]);
  if (!Number.isInteger(id)) throw new Error(`no ${database === "passwd" ? "user" : "group"} ${name}: is postfix installed?`);
  return id;
}
