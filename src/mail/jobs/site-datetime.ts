/** Frappe's datetime text ("YYYY-MM-DD HH:MM:SS[.ffffff]", the site's local time) as a Date; undefined when unreadable. */
export function parseSiteDatetime(text: unknown): Date | undefined {
  if (typeof text !== "string") return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = "0", fraction = "0"] = match;
  const millis = Math.floor(Number(fraction.padEnd(6, "0")) / 1000);
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `date` moved by a number of minutes (negative: into the past). */
export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
