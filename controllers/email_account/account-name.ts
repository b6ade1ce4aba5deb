/**
 * R1: the account name Frappe derives from an e-mail address when none is given.
 */

const CASED = /[\p{Lu}\p{Ll}\p{Lt}]/u;

/**
 * Python's `str.title()`: a cased letter is upper-cased when the character before it is not
 * cased (start, space, digit, apostrophe, ...) and lower-cased otherwise; everything else is kept.
 * So `o'neil2go` becomes `O'Neil2Go`, as in Python.
 */
export function pythonTitle(text: string): string {
  let previousCased = false;
  let out = "";
  for (const char of text) {
    const cased = CASED.test(char);
    out += cased ? (previousCased ? char.toLowerCase() : char.toUpperCase()) : char;
    previousCased = cased;
  }
  return out;
}

/** `support_team.eu-west@x.com` -> `Support Team Eu West`: the local part, `_ . -` as spaces, title-cased. */
export function accountNameFromEmail(emailId: string): string {
  const localPart = emailId.split("@", 1)[0] ?? "";
  return pythonTitle(localPart.replace(/[_.-]/g, " "));
}
