import { looseEquals, toText } from "./js-semantics";

/**
 * The only functions an `eval:` expression may call, re-implemented after Frappe's desk
 * helpers of the same name (frappe/public/js/frappe/utils). Anything else is refused by the
 * parser, so an expression can never reach a real object or function.
 */
type ExpressionFunction = (args: unknown[]) => unknown;

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** `frappe.utils.html2text`: the text content of an HTML fragment (tags and comments dropped, entities decoded). */
export function html2text(html: unknown): string {
  // The desk parses String(html); null/undefined become "" here rather than the words "null"/"undefined".
  const source = html === null || html === undefined ? "" : toText(html);
  return source
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<\/?[A-Za-z!][^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
      if (body.startsWith("#")) {
        const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    });
}

/** The desk's `cint`: parseInt of the text, 0 when that is not a number; true/false are 1/0. */
function jsCint(value: unknown): number {
  if (value === true) return 1;
  if (value === false) return 0;
  const n = Number.parseInt(toText(value), 10);
  return Number.isNaN(n) ? 0 : n;
}

/** The desk's `flt`: parseFloat of the text without thousands separators, 0 when not a number. */
function jsFlt(value: unknown, precision?: unknown): number {
  if (value === null || value === undefined || value === "") return 0;
  let n = typeof value === "number" ? value : Number.parseFloat(toText(value).replace(/,/g, ""));
  if (Number.isNaN(n)) n = 0;
  if (typeof precision === "number" && Number.isInteger(precision) && precision >= 0 && precision <= 15) {
    const factor = 10 ** precision;
    n = Math.round(n * factor) / factor;
  }
  return n;
}

/** The desk's `in_list(list, item)`: loose membership test; not-a-list is false. */
function inList(list: unknown, item: unknown): boolean {
  if (!Array.isArray(list)) return false;
  return list.some((entry) => looseEquals(entry, item));
}

/** Whitelisted functions by the dotted name an expression calls them with. */
export const EXPRESSION_FUNCTIONS: ReadonlyMap<string, ExpressionFunction> = new Map<string, ExpressionFunction>([
  ["frappe.utils.html2text", (args) => html2text(args[0])],
  ["in_list", (args) => inList(args[0], args[1])],
  ["cint", (args) => jsCint(args[0])],
  ["flt", (args) => jsFlt(args[0], args[1])],
]);

export function isAllowedFunction(name: string): boolean {
  return EXPRESSION_FUNCTIONS.has(name);
}
