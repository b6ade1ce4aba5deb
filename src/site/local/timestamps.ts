import { formatDatetime } from "../../core/datetime";

/** The last timestamp handed out, in microseconds since the epoch. */
interface MonotonicState {
  lastMicros: number;
}

/** Shared by every store on the real clock, so two stores of one process never hand out the same `modified`. */
const processState: MonotonicState = { lastMicros: 0 };

/**
 * A source of Frappe timestamps ("YYYY-MM-DD HH:MM:SS.ffffff", local time) that strictly increase:
 * microseconds come from the milliseconds plus a counter, so two writes in the same millisecond differ.
 * An injected clock (tests) gets its own counter so it cannot be pushed around by the real one.
 */
export function createTimestampSource(now?: () => Date): () => string {
  const state: MonotonicState = now ? { lastMicros: 0 } : processState;
  const read = now ?? (() => new Date());
  return () => {
    let micros = read().getTime() * 1000;
    if (micros <= state.lastMicros) micros = state.lastMicros + 1;
    state.lastMicros = micros;
    return formatDatetime(new Date(Math.floor(micros / 1000)), micros % 1_000_000);
  };
}
