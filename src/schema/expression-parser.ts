import { SyntaxProblem, type Token, tokenize } from "./expression-tokens";
import { isAllowedFunction } from "./expression-functions";

/**
 * Recursive-descent parser of the `eval:` subset into an AST. Everything not listed in
 * the grammar is refused here, before anything runs:
 *
 *   expr     := or ("?" expr ":" expr)?
 *   or       := and ("||" and)*
 *   and      := equality ("&&" equality)*
 *   equality := relation (("==" | "!=" | "===" | "!==") relation)*
 *   relation := unary (("<" | ">" | "<=" | ">=") unary)*
 *   unary    := ("!" | "-" | "+") unary | primary
 *   primary  := number | string | true | false | null | undefined | "(" expr ")"
 *             | "[" (expr ("," expr)*)? "]" | (doc | parent) ("." name ("." length)?)?
 *             | function "(" args ")"
 *
 * `function` is one of the whitelisted dotted names in expression-functions.ts.
 */
export type Ast =
  | { type: "literal"; value: string | number | boolean | null | undefined }
  | { type: "array"; items: Ast[] }
  | { type: "record"; root: "doc" | "parent" }
  | { type: "property"; root: "doc" | "parent"; name: string }
  | { type: "length"; operand: Ast }
  | { type: "call"; name: string; args: Ast[] }
  | { type: "not" | "negate" | "plus"; operand: Ast }
  | { type: "binary"; op: BinaryOp; left: Ast; right: Ast }
  | { type: "logical"; op: "&&" | "||"; left: Ast; right: Ast }
  | { type: "conditional"; test: Ast; then: Ast; otherwise: Ast };

export type BinaryOp = "==" | "!=" | "===" | "!==" | "<" | ">" | "<=" | ">=";

const LITERALS: Record<string, string | number | boolean | null | undefined> = { true: true, false: false, null: null, undefined: undefined };
const EQUALITY = new Set(["==", "!=", "===", "!=="]);
const RELATION = new Set(["<", ">", "<=", ">="]);
/** Deep nesting is refused so hostile input cannot exhaust the stack. */
const MAX_DEPTH = 64;

/** Property names that would reach Object.prototype (`constructor`, `__proto__`, `toString`, ...). */
export function isForbiddenProperty(name: string): boolean {
  return name in Object.prototype || name === "prototype";
}

export function parseEval(source: string, offset: number): Ast {
  return new Parser(tokenize(source, offset)).parseAll();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Ast {
    if (this.peek().kind === "end") throw new SyntaxProblem("empty expression", this.peek().pos);
    const ast = this.expression();
    // `frappe.utils.eval` runs `let out = <expr>; return out`, so trailing semicolons are harmless.
    while (this.isPunct(";")) this.next();
    const rest = this.peek();
    if (rest.kind !== "end") throw new SyntaxProblem(`unexpected ${describe(rest)}`, rest.pos);
    return ast;
  }

  private expression(): Ast {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new SyntaxProblem("expression is nested too deeply", this.peek().pos);
    const test = this.logical("||");
    let result = test;
    if (this.isPunct("?")) {
      this.next();
      const then = this.expression();
      this.expect(":");
      result = { type: "conditional", test, then, otherwise: this.expression() };
    }
    this.depth -= 1;
    return result;
  }

  private logical(op: "&&" | "||"): Ast {
    const operand = () => (op === "||" ? this.logical("&&") : this.binary(EQUALITY));
    let left = operand();
    while (this.isPunct(op)) {
      this.next();
      left = { type: "logical", op, left, right: operand() };
    }
    return left;
  }

  private binary(ops: ReadonlySet<string>): Ast {
    const operand = () => (ops === EQUALITY ? this.binary(RELATION) : this.unary());
    let left = operand();
    while (this.peek().kind === "punct" && ops.has(this.peek().text)) {
      const op = this.next().text as BinaryOp;
      left = { type: "binary", op, left, right: operand() };
    }
    return left;
  }

  private unary(): Ast {
    const token = this.peek();
    if (token.kind === "punct" && (token.text === "!" || token.text === "-" || token.text === "+")) {
      this.next();
      this.depth += 1;
      if (this.depth > MAX_DEPTH) throw new SyntaxProblem("expression is nested too deeply", token.pos);
      const operand = this.unary();
      this.depth -= 1;
      return { type: token.text === "!" ? "not" : token.text === "-" ? "negate" : "plus", operand };
    }
    return this.primary();
  }

  private primary(): Ast {
    const token = this.next();
    if (token.kind === "number") return { type: "literal", value: token.value };
    if (token.kind === "string") return { type: "literal", value: token.text };
    if (token.kind === "punct" && token.text === "(") {
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    if (token.kind === "punct" && token.text === "[") return { type: "array", items: this.list("]") };
    if (token.kind === "name") return this.name(token);
    throw new SyntaxProblem(`unexpected ${describe(token)}`, token.pos);
  }

  /** A literal keyword, `doc` / `parent` with at most one property, or a whitelisted call. */
  private name(first: Token): Ast {
    if (Object.prototype.hasOwnProperty.call(LITERALS, first.text)) return { type: "literal", value: LITERALS[first.text] };
    const parts = [first];
    while (this.isPunct(".")) {
      this.next();
      const part = this.next();
      if (part.kind !== "name") throw new SyntaxProblem(`expected a property name after "." but found ${describe(part)}`, part.pos);
      parts.push(part);
    }
    const dotted = parts.map((p) => p.text).join(".");
    if (this.isPunct("(")) {
      if (!isAllowedFunction(dotted)) throw new SyntaxProblem(`unknown function "${dotted}"`, first.pos);
      this.next();
      return { type: "call", name: dotted, args: this.list(")") };
    }
    const root = first.text;
    if (root !== "doc" && root !== "parent") throw new SyntaxProblem(`unknown name "${root}"`, first.pos);
    const [, property, deeper] = parts;
    if (!property) return { type: "record", root };
    if (isForbiddenProperty(property.text)) throw new SyntaxProblem(`property "${property.text}" is not allowed`, property.pos);
    const read: Ast = { type: "property", root, name: property.text };
    if (!deeper) return read;
    // `doc.x.length` (text or rows) is the one nested read Frappe's own DocTypes use.
    if (deeper.text === "length" && parts.length === 3) return { type: "length", operand: read };
    throw new SyntaxProblem(`nested property "${dotted}" is not supported`, deeper.pos);
  }

  /** Comma-separated expressions up to `close` (call arguments, array items). */
  private list(close: ")" | "]"): Ast[] {
    const items: Ast[] = [];
    if (this.isPunct(close)) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.expression());
      if (this.isPunct(",")) {
        this.next();
        continue;
      }
      this.expect(close);
      return items;
    }
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.kind !== "punct" || token.text !== text) throw new SyntaxProblem(`expected "${text}" but found ${describe(token)}`, token.pos);
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === "punct" && token.text === text;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }
}

function describe(token: Token): string {
  if (token.kind === "end") return "end of expression";
  if (token.kind === "string") return `string "${token.text}"`;
  return `"${token.text}"`;
}
