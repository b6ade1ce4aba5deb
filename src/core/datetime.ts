/** Frappe's datetime text: "YYYY-MM-DD HH:MM:SS.ffffff" in the site's (here: the process's) local time. */
export function formatDatetime(date: Date, micros = date.getMilliseconds() * 1000): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(micros, 6)}`
  );
}

/** Frappe's date text: "YYYY-MM-DD". */
export function formatDate(date: Date): string {
  return formatDatetime(date).slice(0, 10);
}
