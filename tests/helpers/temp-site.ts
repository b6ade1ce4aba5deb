import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A fresh folder for one test's site file; removed by the returned cleanup. */
export function tempDir(prefix = "fea-test-"): { dir: string; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, file: path.join(dir, "site.sqlite"), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
