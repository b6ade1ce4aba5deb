/**
 * Tokenizer of the `eval:` expression subset (see expression.ts). Positions are offsets
 * into the whole expression text, so an error can point at the exact character.
 */
export type TokenKind = "number" | "string" | "name" | "punct" | "end";

export interface Token {
  kind: TokenKind;
  /** The operator/punctuation text, the name, or the decoded string literal. */
  text: string;
  /** Numeric value of a number literal. */
  value?: number;
  /** Offset of the token's first character in the whole expression. */
  pos: number;
}

/** Reported by the tokenizer and the parser; expression.ts turns it into an ExpressionError. */
export class SyntaxProblem extends Error {
  constructor(
    readonly reason: string,
    readonly pos: number,
  ) {
    super(reason);
  }
}

/** Longest first, so `===` wins over `==` and `!==` over `!=`. */
const PUNCTUATION = ["===", "!==", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "-", "+", "(", ")", "[", "]", ",", ".", "?", ":", ";"];

const NAME_START = /[A-Za-z_$]/;
const NAME_PART = /[A-Za-z0-9_$]/;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** Splits `source` (the part after `eval:`) into tokens; `offset` is where it starts in the full text. */
export function tokenize(source: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const pos = offset + i;
    if (ch === '"' || ch === "'") {
      const { text, next } = readString(source, i, offset);
      tokens.push({ kind: "string", text, pos });
      i = next;
      continue;
    }
    const number = NUMBER.exec(source.slice(i));
    if (number && (/\d/.test(ch) || (ch === "." && /\d/.test(source.charAt(i + 1))))) {
      if (NAME_START.test(source.charAt(i + number[0].length))) {
        throw new SyntaxProblem(`unexpected character "${source.charAt(i + number[0].length)}"`, pos + number[0].length);
      }
      tokens.push({ kind: "number", text: number[0], value: Number(number[0]), pos });
      i += number[0].length;
      continue;
    }
    if (NAME_START.test(ch)) {
      let end = i + 1;
      while (end < source.length && NAME_PART.test(source.charAt(end))) end += 1;
      tokens.push({ kind: "name", text: source.slice(i, end), pos });
      i = end;
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) {
      const hint = ch === "=" ? " (assignment is not allowed)" : "";
      throw new SyntaxProblem(`unexpected character "${ch}"${hint}`, pos);
    }
    tokens.push({ kind: "punct", text: punct, pos });
    i += punct.length;
  }
  tokens.push({ kind: "end", text: "", pos: offset + source.length });
  return tokens;
}

/** A '...' or "..." literal with the usual backslash escapes; template literals are not supported. */
function readString(source: string, start: number, offset: number): { text: string; next: number } {
  const quote = source.charAt(start);
  let text = "";
  let i = start + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === quote) return { text, next: i + 1 };
    if (ch === "\n") break;
    if (ch !== "\\") {
      text += ch;
      i += 1;
      continue;
    }
    const esc = source.charAt(i + 1);
    if (esc === "u" && /^[0-9A-Fa-f]{4}$/.test(source.slice(i + 2, i + 6))) {
      text += String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (esc === "x" && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 2, i + 4))) {
      text += String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 4), 16));
      i += 4;
    } else {
      text += ESCAPES[esc] ?? esc;
      i += 2;
    }
  }
  throw new SyntaxProblem("unterminated string", offset + start);
}
