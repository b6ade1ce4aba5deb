/** What the bench's parent asks a measuring child process to do, and what the child answers. */

export type MeasurementKind = "fetch" | "parse" | "pull";

export interface MeasurementTask {
  kind: MeasurementKind;
  /** The rig user's IMAP folder holding the seeded mails. */
  folder: string;
  /** parse: the folder's maildir on disk (the files Dovecot serves). */
  maildir: string;
  /** pull: the folder's UIDVALIDITY, pre-set on the folder row so the pull is not a first sync. */
  uidvalidity: string;
}

export interface MeasurementResult {
  kind: MeasurementKind;
  /** Messages handled in the timed part. */
  messages: number;
  /** Wall time of the timed part. */
  seconds: number;
  /** The child's peak resident set size (`process.resourceUsage().maxRSS`), whole run, in MiB. */
  peakRssMb: number;
  /** Figures particular to the measurement (bytes, records written, errors). */
  extra: Record<string, number>;
}

/** What a measuring function returns; the child adds the kind and the peak RSS. */
export type Measured = Omit<MeasurementResult, "kind" | "peakRssMb">;

/** Read from a child's argv; the parent passes the task as one JSON argument. */
export function parseTask(json: string | undefined): MeasurementTask {
  if (!json) throw new Error("bench child: no task given");
  return JSON.parse(json) as MeasurementTask;
}
