import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A private temporary folder for one mail: the raw source's head and the attachments are spooled
 * here while the mail is parsed, so a large mail never sits in memory. Removed when the mail is done.
 */
export class WorkDir {
  private counter = 0;

  private constructor(readonly dir: string) {}

  /** A new folder under `parent` (the system's temp folder unless given). */
  static create(parent: string = os.tmpdir()): WorkDir {
    return new WorkDir(fs.mkdtempSync(path.join(parent, "fea-mail-")));
  }

  /** A fresh file path inside the folder (the file itself is not created). */
  file(label: string): string {
    this.counter += 1;
    return path.join(this.dir, `${String(this.counter).padStart(4, "0")}-${label}`);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
