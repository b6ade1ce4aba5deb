/**
 * Runs account pulls one at a time and coalesces requests: asking for an account that is already
 * waiting changes nothing, asking while it is being pulled queues one more pull (new mail may have
 * come after that pull searched the folder).
 */
export class PullQueue {
  private readonly waiting: string[] = [];
  private worker: Promise<void> | undefined;

  /** `pull` must not throw: it reports its own failures. */
  constructor(private readonly pull: (accountName: string) => Promise<void>) {}

  request(accountName: string): void {
    if (!this.waiting.includes(accountName)) this.waiting.push(accountName);
    this.worker ??= this.work().finally(() => (this.worker = undefined));
  }

  /** Resolves when nothing is running or waiting. */
  async drained(): Promise<void> {
    while (this.worker) await this.worker;
  }

  /** Forgets the requests not yet started (shutting down). */
  clear(): void {
    this.waiting.length = 0;
  }

  private async work(): Promise<void> {
    for (let next = this.waiting.shift(); next !== undefined; next = this.waiting.shift()) {
      await this.pull(next);
    }
  }
}
