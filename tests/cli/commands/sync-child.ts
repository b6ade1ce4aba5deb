import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const BIN = path.join(ROOT, "bin", "frappe-email-account.js");
const COMPILED = path.join(ROOT, "dist", "src", "cli", "main.js");

/** Child processes run the compiled CLI: build it (as `npm test` does) when missing or older than the sources. */
export function ensureBuilt(): void {
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return Math.max(max, newest(full));
      return entry.name.endsWith(".ts") ? Math.max(max, fs.statSync(full).mtimeMs) : max;
    }, 0);
  const sources = Math.max(...["src", "controllers", "hooks"].map((dir) => newest(path.join(ROOT, dir))));
  if (fs.existsSync(COMPILED) && fs.statSync(COMPILED).mtimeMs >= sources) return;
  spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
  if (!fs.existsSync(COMPILED)) throw new Error(`the build did not produce ${COMPILED}`);
}

export interface SyncChild {
  process: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `frappe-email-account sync ARGS` as a child process on the site file, with extra environment variables. */
export function startSyncChild(file: string, args: string[], env: Record<string, string> = {}): SyncChild {
  const child = spawn(process.execPath, [BIN, "sync", "--site", file, ...args], {
    cwd: path.dirname(file),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { process: child, stderr: () => stderr, exit };
}
