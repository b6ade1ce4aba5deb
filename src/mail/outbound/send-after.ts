import { formatDatetime } from "../../core/datetime";
import { ValidationError } from "../../errors";

/**
 * Frappe's `send_after`: a datetime, or a whole number meaning "that many days from today"
 * (`add_days(nowdate(), n)`, so midnight of that day). Empty means "as soon as possible".
 */
export function sendAfterValue(value: string | Date | number | null | undefined, now: Date): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValidationError("Send After is not a valid date", { doctype: "Email Queue", field: "send_after" });
    return formatDatetime(value);
  }
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new ValidationError("Send After must be a whole number of days", { doctype: "Email Queue", field: "send_after" });
    // `add_days(nowdate(), n)` is a date; the Datetime column reads it as that day's midnight.
    return formatDatetime(new Date(now.getFullYear(), now.getMonth(), now.getDate() + value));
  }
  return value;
}
