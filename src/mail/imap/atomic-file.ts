import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";

/** Makes a directory's entries (a rename into it) durable; not every platform can sync a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, "r");
    await handle.sync();
  } catch {
    // Windows cannot open a directory for syncing; the rename itself is still atomic there.
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `file` with `text` so that a crash or a kill at any moment leaves either the old content
 * or the new one whole, never a mix or an empty file: the text goes to a temporary file next to it,
 * is synced to disk, and is then renamed over the old file (and the rename synced).
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await fsp.open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temporary, file);
  } catch (err) {
    await fsp.rm(temporary, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}
