import type { Doc } from "../../core/doc";
import { InputError } from "../../errors";

/** How the admin fixes a body we cannot use: the one setting that always works. */
const HOW_TO_SEND = 'set the Webhook\'s Request Structure to JSON and its JSON Request Body to {{ doc | json }}';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The document a Frappe Webhook sent: a JSON object carrying at least `doctype` and `name`. Frappe sends no
 * Content-Type of its own, so the body is read as JSON whatever the header says.
 */
export function webhookDocument(body: Buffer): Doc {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    throw new InputError(`The webhook body is not valid JSON: ${HOW_TO_SEND}`);
  }
  if (!isRecord(parsed)) throw new InputError(`The webhook body must be a JSON object (the document): ${HOW_TO_SEND}`);
  const { doctype, name } = parsed;
  if (typeof doctype !== "string" || doctype.trim() === "") {
    throw new InputError(`The webhook body has no "doctype": ${HOW_TO_SEND}`);
  }
  // Frappe's autoincrement naming gives a number; every other naming a string.
  if (!((typeof name === "string" && name.trim() !== "") || (typeof name === "number" && Number.isFinite(name)))) {
    throw new InputError(`The webhook body for ${doctype} has no "name": ${HOW_TO_SEND}`);
  }
  return { ...parsed, doctype, name: String(name) };
}
