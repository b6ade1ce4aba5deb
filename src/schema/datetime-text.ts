/**
 * Frappe's date/time text forms: "YYYY-MM-DD", "HH:MM:SS[.ffffff]" and
 * "YYYY-MM-DD HH:MM:SS[.ffffff]". The ISO "T" separator and a missing ":SS" are accepted
 * and normalised; time zones are refused, because the site stores local time and we
 * would have to guess the zone.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** "HH:MM[:SS[.ffffff]]" -> "HH:MM:SS[.ffffff]", or undefined when not a time of day. */
function normaliseTime(text: string): string | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const [hours, minutes, seconds] = [Number(m[1]), Number(m[2]), Number(m[3] ?? "0")];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const base = `${String(hours).padStart(2, "0")}:${m[2]}:${m[3] ?? "00"}`;
  return m[4] === undefined ? base : `${base}.${m[4]}`;
}

/** "YYYY-MM-DD" when valid (a real calendar day), else undefined. */
export function normaliseDate(text: string): string | undefined {
  const trimmed = text.trim();
  return validDate(trimmed) ? trimmed : undefined;
}

export function normaliseTimeText(text: string): string | undefined {
  return normaliseTime(text.trim());
}

/** "YYYY-MM-DD HH:MM:SS[.ffffff]" (also from the ISO "T" form), else undefined. */
export function normaliseDatetime(text: string): string | undefined {
  const trimmed = text.trim();
  const split = /^(\d{4}-\d{2}-\d{2})[T ](.+)$/.exec(trimmed);
  if (!split || !validDate(split[1] as string)) return undefined;
  const time = normaliseTime(split[2] as string);
  return time === undefined ? undefined : `${split[1]} ${time}`;
}

/** Strict checks of the stored form, used as ajv formats. */
export const isDateText = (text: string): boolean => normaliseDate(text) === text;
export const isTimeText = (text: string): boolean => normaliseTimeText(text) === text;
export const isDatetimeText = (text: string): boolean => normaliseDatetime(text) === text;
