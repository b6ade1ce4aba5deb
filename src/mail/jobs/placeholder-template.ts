import { escapeHtml } from "../../schema/email-address";

/**
 * Frappe renders `auto_reply_message` as a Jinja template over `communication.as_dict()`. Here a
 * tiny renderer takes the safe part of that language and nothing that runs code:
 * - `{{ field }}`: the value of a field (`doctype`, `name`, `subject`, `sender`, `reference_doctype`,
 *   `reference_name`, ...), HTML-escaped; an unknown field or an empty value gives "" (Jinja's
 *   Undefined; Frappe would print `None` for an empty value);
 * - `{{ _("text") }}` / `{{ _('text') }}`: the text itself (no translations here);
 * - `{# comment #}`: removed.
 * Anything else (`{% if %}`, filters, calls, arithmetic) is left out of the result and reported, so
 * the caller can log it: a customer never sees template syntax.
 */

export type TemplateValues = Readonly<Record<string, unknown>>;

export interface RenderedTemplate {
  text: string;
  /** The tags that were left out because the renderer does not support them. */
  unsupported: string[];
}

const TAG = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}|\{#[\s\S]*?#\}/g;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TRANSLATED_LITERAL = /^_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)$/;

/** A field value as text: numbers as written, empty or structured values (child tables) as "". */
function valueText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

function unescapeLiteral(text: string): string {
  return text.replace(/\\(.)/g, "$1");
}

/** One `{{ ... }}` expression, or undefined when it is not one the renderer supports. */
function expressionValue(expression: string, values: TemplateValues): string | undefined {
  const trimmed = expression.trim();
  if (IDENTIFIER.test(trimmed)) {
    return Object.prototype.hasOwnProperty.call(values, trimmed) ? escapeHtml(valueText(values[trimmed])) : "";
  }
  const literal = TRANSLATED_LITERAL.exec(trimmed);
  if (literal) return unescapeLiteral(literal[1] ?? literal[2] ?? "");
  return undefined;
}

export function renderPlaceholders(template: string, values: TemplateValues): RenderedTemplate {
  const unsupported: string[] = [];
  const text = template.replace(TAG, (tag: string, expression: string | undefined, statement: string | undefined) => {
    if (expression !== undefined) {
      const value = expressionValue(expression, values);
      if (value !== undefined) return value;
    }
    if (expression !== undefined || statement !== undefined) unsupported.push(tag);
    return "";
  });
  return { text, unsupported };
}

/** Whether rendered HTML shows nothing (the editor's empty `<p><br></p>` included): then Frappe's default text is sent. */
export function isBlankHtml(html: string): boolean {
  if (/<img\b/i.test(html)) return false;
  const text = html
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;|&#160;/gi, " ")
    .trim();
  return text === "";
}
