import type { Logger } from "../../core/logger";
import type { PullProgress } from "./folder-pull";

/** Anything with `write(text)`, e.g. process.stderr. */
export interface ProgressSink {
  write(text: string): unknown;
}

/** A folder with at least this many mails to take gets progress shown. */
const LONG_PULL = 50;
const REDRAW_MS = 100;
const LOG_EVERY = 100;

/** On a terminal: one line, redrawn in place (`Support INBOX: 120/250`), cleared when the folder is done. */
export class TerminalProgress {
  private lastDraw = Number.NEGATIVE_INFINITY;
  private shown = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly now: () => number = Date.now,
  ) {}

  update(progress: PullProgress): void {
    if (progress.total < LONG_PULL) return;
    const finished = progress.done >= progress.total;
    if (!finished && this.now() - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = this.now();
    this.sink.write(`\r\x1b[2K${progress.account} ${progress.folder}: ${progress.done}/${progress.total}`);
    this.shown = true;
    if (finished) this.clear();
  }

  clear(): void {
    if (this.shown) this.sink.write("\r\x1b[2K");
    this.shown = false;
  }
}

/** Elsewhere: a structured log line every 100 mails of a long folder, and at its end. */
export function logProgress(log: Logger): (progress: PullProgress) => void {
  return (progress) => {
    if (progress.total < LONG_PULL || progress.done === 0) return;
    if (progress.done % LOG_EVERY === 0 || progress.done === progress.total) {
      log.info({ account: progress.account, folder: progress.folder, done: progress.done, total: progress.total }, "pull progress");
    }
  };
}
