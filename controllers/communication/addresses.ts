/**
 * Reading addresses out of the sender / recipients / cc / bcc texts of a Communication, as
 * Python's `email.utils.getaddresses` and Frappe's `parse_addr` do (re-implemented, approximated
 * for the header shapes mail really carries: `addr`, `Name <addr>`, `"Last, First" <addr>`).
 */

const EMAIL_IN_TEXT = /([a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,})/;

/** Splits an address list on commas outside quotes, angle brackets and comments. */
function splitAddressList(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let inQuotes = false;
  let angle = 0;
  let comment = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      current += ch;
      if (ch === "\\" && i + 1 < text.length) current += text[++i];
      else if (ch === '"') inQuotes = false;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === "<") angle++;
    else if (ch === ">" && angle > 0) angle--;
    else if (ch === "(") comment++;
    else if (ch === ")" && comment > 0) comment--;
    else if (ch === "," && angle === 0 && comment === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

/** The display name and address of one `Name <addr>` / `addr` entry (Python's `parseaddr`). */
function parseOne(entry: string): { name: string; address: string } {
  const withoutComments = entry.replace(/\([^()]*\)/g, " ");
  const angle = /<([^<>]*)>/.exec(withoutComments);
  if (angle) {
    const name = withoutComments.slice(0, angle.index).trim().replace(/^"(.*)"$/s, "$1").replace(/\\(.)/g, "$1");
    return { name, address: (angle[1] as string).trim() };
  }
  return { name: "", address: withoutComments.trim() };
}

/**
 * Python's `getaddresses` over several header texts: every address, in order, duplicates kept.
 * Empty entries are dropped (Frappe skips them anyway).
 */
export function getAddresses(texts: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    if (typeof text !== "string" || text === "") continue;
    for (const entry of splitAddressList(text.replace(/\r?\n[\t ]*/g, " "))) {
      const { address } = parseOne(entry);
      if (address !== "") out.push(address);
    }
  }
  return out;
}

/** Frappe's `check_format`: an "@" not first, a "." after it, more than 4 characters from the "@". */
function checkFormat(email: string): boolean {
  const at = email.lastIndexOf("@");
  return at > 0 && email.lastIndexOf(".") > at && email.length - at > 4;
}

/** Frappe's `get_name_from_email_string`: the text without the address and without odd characters. */
function nameFromEmailString(text: string, email: string): string {
  const name = text
    .split(email)
    .join("")
    .replace(/[^A-Za-z0-9\u00C0-\u024F/_' ]+/g, "")
    .trim();
  return name === "" ? email : name;
}

/**
 * Frappe's `parse_addr`: `[name, email]` of a sender text. When no name is written, the name is
 * the address itself (callers treat name === email as "no name").
 */
export function parseAddr(text: string): { name: string | null; email: string } {
  const { address } = parseOne(text);
  if (checkFormat(address)) return { name: nameFromEmailString(text, address), email: address };
  const found = EMAIL_IN_TEXT.exec(text);
  if (found && checkFormat(found[1] as string)) {
    const email = found[1] as string;
    return { name: nameFromEmailString(text, email), email };
  }
  return { name: null, email: address };
}
