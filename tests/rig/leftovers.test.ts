import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stopLeftoverRuns } from "./leftovers";
import { isAlive, startTimeOf } from "./process-control";
import { OWNER_FILE } from "./run-dir";
import { RUN_DIR_PREFIX } from "./run-info";

/** A run folder as setup leaves it, owned by `owner`, with a long-running process working inside it. */
function fakeRun(parent: string, name: string, owner: { pid: number; startTime?: string } | null): { dir: string; worker: ChildProcess } {
  const dir = path.join(parent, `${RUN_DIR_PREFIX}${name}`);
  fs.mkdirSync(dir);
  if (owner) fs.writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify(owner));
  const worker = spawn("sleep", ["300"], { cwd: dir, stdio: "ignore" });
  return { dir, worker };
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once("exit", resolve));
}

describe("stopLeftoverRuns", () => {
  let parent: string;
  const workers: ChildProcess[] = [];

  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), "fea-leftovers-test-"));
  });
  afterEach(() => {
    for (const worker of workers.splice(0)) if (worker.pid && isAlive(worker.pid)) worker.kill("SIGKILL");
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it("stops the processes of a run whose jest process is gone and removes its folder", async () => {
    const gone = spawnSync("true").pid as number;
    const crashed = fakeRun(parent, "crashed", { pid: gone, startTime: "1" });
    workers.push(crashed.worker);
    expect(await stopLeftoverRuns(parent)).toEqual([crashed.dir]);
    await exited(crashed.worker);
    expect(crashed.worker.signalCode).toBe("SIGTERM");
    expect(fs.existsSync(crashed.dir)).toBe(false);
  });

  it("leaves a run alone whose jest process is still alive, and a folder still being set up", async () => {
    const live = fakeRun(parent, "live", { pid: process.pid, startTime: startTimeOf(process.pid) });
    const settingUp = fakeRun(parent, "setting-up", null);
    workers.push(live.worker, settingUp.worker);
    expect(await stopLeftoverRuns(parent)).toEqual([]);
    expect(isAlive(live.worker.pid as number)).toBe(true);
    expect(isAlive(settingUp.worker.pid as number)).toBe(true);
    expect(fs.existsSync(live.dir) && fs.existsSync(settingUp.dir)).toBe(true);
  });

  it("treats an owner pid that was reused by another process as gone", async () => {
    const reused = fakeRun(parent, "reused", { pid: process.pid, startTime: "0" });
    workers.push(reused.worker);
    expect(await stopLeftoverRuns(parent)).toEqual([reused.dir]);
    await exited(reused.worker);
    expect(fs.existsSync(reused.dir)).toBe(false);
  });
});
