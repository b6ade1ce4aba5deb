import { ExpressionError } from "../errors";
import { EXPRESSION_FUNCTIONS } from "./expression-functions";
import { type Ast, isForbiddenProperty, parseEval } from "./expression-parser";
import { SyntaxProblem } from "./expression-tokens";
import { compare, isTruthy, looseEquals, strictEquals, toNumber, toPrimitive } from "./js-semantics";

/**
 * A safe evaluator for Frappe's `depends_on`, `mandatory_depends_on`, `read_only_depends_on`
 * and `collapsible_depends_on` strings, as the desk form evaluates them
 * (frappe/public/js/frappe/form/layout.js `evaluate_depends_on_value`):
 *
 * - `fieldname`: truthiness of `doc.fieldname` (a child table counts when it has rows);
 * - `eval:<expr>`: a small JavaScript subset over `doc` and `parent` (see expression-parser.ts),
 *   with JS truthiness, `&&`/`||` returning an operand and loose `==`.
 *
 * Nothing is ever handed to `eval` or `Function`: the text is tokenized, parsed to an AST
 * (cached per text) and walked. Unknown names, functions or syntax are an ExpressionError
 * naming the expression and the 1-based position of the offending character.
 */
export type CompiledExpression =
  | { readonly source: string; readonly kind: "field"; readonly field: string }
  | { readonly source: string; readonly kind: "eval"; readonly ast: Ast };

/** What an expression can see; `parent` defaults to `doc`, as on a form's own fields. */
export interface ExpressionScope {
  doc: object;
  parent?: object | null;
}

const EVAL_PREFIX = "eval:";
const FIELDNAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_LENGTH = 4000;
const MAX_CACHED = 2000;
const cache = new Map<string, CompiledExpression>();

function fail(expression: string, reason: string, pos?: number): never {
  const where = pos === undefined ? "" : ` at position ${pos + 1}`;
  throw new ExpressionError(`Invalid expression "${expression}": ${reason}${where}`);
}

/** Parses (once; the result is cached) or throws ExpressionError. */
export function parseExpression(expression: string): CompiledExpression {
  const cached = cache.get(expression);
  if (cached) return cached;
  const compiled = compile(expression);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(expression, compiled);
  return compiled;
}

function compile(expression: string): CompiledExpression {
  if (typeof expression !== "string") fail(String(expression), "not a text");
  if (expression.length > MAX_LENGTH) fail(expression.slice(0, 60) + "...", `longer than ${MAX_LENGTH} characters`);
  const start = expression.length - expression.trimStart().length;
  const text = expression.trim();
  if (text.startsWith(EVAL_PREFIX)) {
    try {
      return { source: expression, kind: "eval", ast: parseEval(text.slice(EVAL_PREFIX.length), start + EVAL_PREFIX.length) };
    } catch (err) {
      if (err instanceof SyntaxProblem) fail(expression, err.reason, err.pos);
      throw err;
    }
  }
  if (text.startsWith("fn:")) fail(expression, "form-script conditions (fn:) are not supported", start);
  if (!FIELDNAME.test(text)) fail(expression, "expected a fieldname or eval:<expression>", start);
  if (isForbiddenProperty(text)) fail(expression, `property "${text}" is not allowed`, start);
  return { source: expression, kind: "field", field: text };
}

/** The value of an expression (JS semantics: `a || b` is an operand, not a boolean). */
export function evaluateExpression(expression: string | CompiledExpression, scope: ExpressionScope): unknown {
  const compiled = typeof expression === "string" ? parseExpression(expression) : expression;
  if (compiled.kind === "field") {
    const value = readProperty(scope.doc, compiled.field);
    return Array.isArray(value) ? value.length > 0 : isTruthy(value);
  }
  return walk(compiled.ast, scope);
}

/**
 * Whether a field's condition holds: an absent or blank condition always holds, as a field
 * without `depends_on` is always shown.
 */
export function evaluateDependsOn(expression: string | null | undefined, doc: object, parent?: object | null): boolean {
  if (expression === null || expression === undefined || expression.trim() === "") return true;
  return isTruthy(evaluateExpression(expression, { doc, parent }));
}

export function clearExpressionCache(): void {
  cache.clear();
}

/** Own data properties only: nothing inherited from Object.prototype is reachable. */
function readProperty(target: unknown, name: string): unknown {
  if (typeof target !== "object" || target === null) return undefined;
  return Object.prototype.hasOwnProperty.call(target, name) ? (target as Record<string, unknown>)[name] : undefined;
}

function walk(node: Ast, scope: ExpressionScope): unknown {
  switch (node.type) {
    case "literal":
      return node.value;
    case "array":
      return node.items.map((item) => walk(item, scope));
    case "record":
      return node.root === "doc" ? scope.doc : (scope.parent ?? scope.doc);
    case "property":
      return readProperty(node.root === "doc" ? scope.doc : (scope.parent ?? scope.doc), node.name);
    case "length": {
      // JS would throw on null/undefined; a condition that cannot be read does not hold.
      const value = walk(node.operand, scope);
      return typeof value === "string" || Array.isArray(value) ? value.length : undefined;
    }
    case "call": {
      const fn = EXPRESSION_FUNCTIONS.get(node.name);
      // The parser only lets whitelisted names through; this guards a hand-built AST.
      if (!fn) throw new ExpressionError(`Invalid expression: unknown function "${node.name}"`);
      return fn(node.args.map((arg) => walk(arg, scope)));
    }
    case "not":
      return !isTruthy(walk(node.operand, scope));
    case "negate":
      return -toNumber(toPrimitive(walk(node.operand, scope)));
    case "plus":
      return toNumber(toPrimitive(walk(node.operand, scope)));
    case "logical": {
      const left = walk(node.left, scope);
      if (node.op === "&&") return isTruthy(left) ? walk(node.right, scope) : left;
      return isTruthy(left) ? left : walk(node.right, scope);
    }
    case "conditional":
      return isTruthy(walk(node.test, scope)) ? walk(node.then, scope) : walk(node.otherwise, scope);
    case "binary": {
      const left = walk(node.left, scope);
      const right = walk(node.right, scope);
      switch (node.op) {
        case "==":
          return looseEquals(left, right);
        case "!=":
          return !looseEquals(left, right);
        case "===":
          return strictEquals(left, right);
        case "!==":
          return !strictEquals(left, right);
        default:
          return compare(node.op, left, right);
      }
    }
  }
}
