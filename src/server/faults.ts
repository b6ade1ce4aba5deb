import type { Fault, FaultAction } from "./types";

interface PendingFault {
  fault: Fault;
  left: number;
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === "string" ? fault.path === path : fault.path.test(path);
}

/**
 * The ordered queue of injected faults. Each request takes the first fault that matches it;
 * a fault is used up after `times` requests (default 1). Requests nothing matches run normally.
 */
export class FaultQueue {
  private readonly pending: PendingFault[] = [];

  constructor(faults: Fault[] = []) {
    for (const fault of faults) this.push(fault);
  }

  push(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError("a fault's `times` must be a positive integer");
    this.pending.push({ fault, left: times });
  }

  /** The action for this request, taken from the queue. */
  take(method: string, path: string): FaultAction | undefined {
    const index = this.pending.findIndex((p) => matches(p.fault, method, path));
    if (index < 0) return undefined;
    const entry = this.pending[index] as PendingFault;
    entry.left -= 1;
    if (entry.left === 0) this.pending.splice(index, 1);
    return entry.fault.action;
  }

  get size(): number {
    return this.pending.length;
  }
}
