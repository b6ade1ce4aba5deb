/**
 * The small text functions of Frappe's `frappe.utils` the Communication rules rely on,
 * with Python's semantics (str.title, urllib.parse.unquote) where they differ from JavaScript's.
 */

/** Frappe's `strip_html`: removes every `<...>` tag on one line (the pattern is `<.*?>`). */
export function stripHtml(text: string): string {
  return text.replace(/<.*?>/g, "");
}

/** The first `count` characters (code points, as Python slices a str), not UTF-16 units. */
export function firstCharacters(text: string, count: number): string {
  return Array.from(text).slice(0, count).join("");
}

function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/**
 * Python's `str.title()`: a letter after a non-letter is upper-cased, every other letter lower-cased,
 * so `john.doe` becomes `John.Doe` and `ToDo` becomes `Todo`.
 */
export function pythonTitle(text: string): string {
  let out = "";
  let previousCased = false;
  for (const ch of text) {
    if (isCased(ch)) {
      out += previousCased ? ch.toLowerCase() : ch.toUpperCase();
      previousCased = true;
    } else {
      out += ch;
      previousCased = false;
    }
  }
  return out;
}

/** Frappe's `unscrub`: `_` and `-` become spaces, then Python's title case. */
export function unscrub(text: string): string {
  return pythonTitle(text.replace(/[_-]/g, " "));
}

/**
 * Python's `urllib.parse.unquote`: runs of `%XX` are decoded as UTF-8 (bad sequences become U+FFFD);
 * `+` stays as it is and a `%` not followed by two hex digits is kept.
 */
export function unquote(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Buffer.from(run.replace(/%/g, ""), "hex");
    return bytes.toString("utf8");
  });
}
