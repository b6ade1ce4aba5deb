/**
 * Cuts secrets out of a lower library's error before it becomes our error's `cause`: a server
 * may echo what it was sent, and a library may quote the command. Works in place on the error,
 * the errors it wraps, and their string properties.
 */

const MASK = "*****";

function mask(text: string, secrets: string[]): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join(MASK);
  return result;
}

function redactObject(value: object, secrets: string[], seen: Set<object>, depth: number): void {
  if (seen.has(value) || depth > 4) return;
  seen.add(value);
  const record = value as Record<string, unknown>;
  // Own properties, plus Error's non-enumerable message and stack.
  const keys = new Set([...Object.getOwnPropertyNames(value), "message", "stack", "cause"]);
  for (const key of keys) {
    let current: unknown;
    try {
      current = record[key];
    } catch {
      continue;
    }
    if (typeof current === "string") {
      const masked = mask(current, secrets);
      if (masked !== current) {
        try {
          record[key] = masked;
        } catch {
          // A read-only property keeps its value; nothing we add repeats it.
        }
      }
    } else if (current !== null && typeof current === "object" && !Buffer.isBuffer(current)) {
      redactObject(current, secrets, seen, depth + 1);
    }
  }
}

/** Replaces every occurrence of each non-empty secret in `err` (and what it wraps) with `*****`. Returns `err`. */
export function redactSecrets<T>(err: T, ...secrets: Array<string | undefined>): T {
  const present = secrets.filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
  if (present.length === 0 || err === null || typeof err !== "object") return err;
  redactObject(err, present, new Set(), 0);
  return err;
}

/** The same masking for a plain text. */
export function redactText(text: string, ...secrets: Array<string | undefined>): string {
  return mask(text, secrets.filter((secret): secret is string => typeof secret === "string" && secret.length > 0));
}
