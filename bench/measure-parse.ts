import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { simpleParser } from "mailparser";
import type { Measured, MeasurementTask } from "./measurement";

/**
 * (b) mailparser alone: every file of the folder's maildir (the very mails Dovecot serves) read and given to
 * `simpleParser` (defaults) one after another, the result dropped. `seconds` counts the parsing only; the
 * file reads (from the page cache) are reported apart as `read_s`.
 */
export async function measureParse(task: MeasurementTask): Promise<Measured> {
  const files = ["cur", "new"].flatMap((sub) => {
    const dir = path.join(task.maildir, sub);
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((name) => path.join(dir, name)) : [];
  });
  let parseMs = 0;
  let readMs = 0;
  let bytes = 0;
  for (const file of files) {
    const t0 = performance.now();
    const raw = fs.readFileSync(file);
    const t1 = performance.now();
    await simpleParser(raw);
    parseMs += performance.now() - t1;
    readMs += t1 - t0;
    bytes += raw.length;
  }
  return { messages: files.length, seconds: parseMs / 1000, extra: { bytes, read_s: readMs / 1000 } };
}
