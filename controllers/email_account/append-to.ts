import type { MetaRegistry } from "../../src/core/meta-registry";
import { ValidationError } from "../../src/errors";

/**
 * Frappe's `comma_or`: one item as it is; several quoted with single quotes, joined by ", "
 * and " or " before the last (`'A', 'B' or 'C'`).
 */
export function commaOr(items: readonly string[]): string {
  if (items.length === 0) return "";
  if (items.length === 1) return String(items[0]);
  const quoted = items.map((item) => `'${item}'`);
  return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/**
 * M2 `get_append_to`: the DocTypes received mail may create, as `[[doctype], ...]`, keeping
 * those whose name contains `txt` (case-sensitive, as Frappe). Sorted, where v15 returns a set's order.
 */
export function appendToChoices(meta: MetaRegistry, txt = ""): string[][] {
  return meta
    .appendToTargets()
    .filter((doctype) => doctype.includes(txt))
    .map((doctype) => [doctype]);
}

/**
 * Our hint after Frappe's text when the refused DocType exists but is not enabled for
 * "Append To" (ERPNext's Task is the usual case). Pinned by a test: keep the wording.
 */
export function appendToHint(doctype: string): string {
  return ` — ${doctype} is not enabled for "Append To": set "Allow document creation via Email" (email_append_to) on it through Customize Form.`;
}

/** A DocType that exists, is neither a child table nor a single, and only lacks the flag. */
function couldBeEnabled(meta: MetaRegistry, doctype: string): boolean {
  if (!meta.has(doctype)) return false;
  const target = meta.get(doctype);
  return target.email_append_to !== 1 && target.istable !== 1 && target.issingle !== 1;
}

/** R13: `doctype` must be one of the Append To targets, else Frappe's `Append To can be one of ...`. */
export function assertAppendToAllowed(meta: MetaRegistry, doctype: string): void {
  const targets = meta.appendToTargets();
  if (targets.includes(doctype)) return;
  const hint = couldBeEnabled(meta, doctype) ? appendToHint(doctype) : "";
  throw new ValidationError(`Append To can be one of ${commaOr(targets)}${hint}`, {
    doctype: "Email Account",
    field: "append_to",
  });
}
