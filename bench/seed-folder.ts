import { performance } from "node:perf_hooks";
import { folderStatus, maildirPath, seedMaildir } from "../tests/rig";
import { BENCH_USER } from "./bench-account";
import { MailGenerator } from "./mail-generator";

/** Mails generated and written per seedMaildir call: keeps the parent's memory modest at 50,000. */
const CHUNK = 5000;

export interface SeededFolder {
  folder: string;
  maildir: string;
  uidvalidity: string;
  messages: number;
  bytes: number;
  seconds: number;
}

/**
 * Fills a new folder of the bench user with `count` generated mails, the fast way (rig's seedMaildir: maildir
 * files + `doveadm force-resync`), and checks that Dovecot indexed them all. The generator starts from the
 * same seed for every folder, so the 10,000 mails are the first 10,000 of the 50,000.
 */
export async function seedFolder(count: number): Promise<SeededFolder> {
  const folder = `Bench${count}`;
  const generator = new MailGenerator();
  const started = performance.now();
  let bytes = 0;
  for (let done = 0; done < count; done += CHUNK) {
    const raws = Array.from({ length: Math.min(CHUNK, count - done) }, () => Buffer.from(generator.next(), "utf8"));
    bytes += raws.reduce((sum, raw) => sum + raw.length, 0);
    await seedMaildir(BENCH_USER, folder, raws);
  }
  const status = await folderStatus(BENCH_USER, folder);
  if (status.messages !== count) throw new Error(`seeded ${count} mails into ${folder} but Dovecot lists ${status.messages}`);
  return {
    folder,
    maildir: maildirPath(BENCH_USER, folder),
    uidvalidity: String(status.uidValidity),
    messages: count,
    bytes,
    seconds: (performance.now() - started) / 1000,
  };
}
