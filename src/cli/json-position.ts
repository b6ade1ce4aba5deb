/**
 * Where a JSON text first breaks the grammar. Node 20's JSON.parse names a position for some
 * errors only ("Unexpected token '}', ..." has none), so we find it ourselves: a small strict
 * scanner that stops at the first character that cannot continue a JSON text.
 */

class Stop {
  constructor(readonly offset: number) {}
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

class Scanner {
  private i = 0;
  constructor(private readonly text: string) {}

  run(): number | undefined {
    try {
      this.value();
      this.skipWhitespace();
      if (this.i < this.text.length) throw new Stop(this.i);
      return undefined;
    } catch (stop) {
      if (stop instanceof Stop) return stop.offset;
      throw stop;
    }
  }

  private skipWhitespace(): void {
    while (this.i < this.text.length && WHITESPACE.has(this.text[this.i] as string)) this.i++;
  }

  private expect(char: string): void {
    if (this.text[this.i] !== char) throw new Stop(this.i);
    this.i++;
  }

  private value(): void {
    this.skipWhitespace();
    const char = this.text[this.i];
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) return this.number();
    for (const word of ["true", "false", "null"]) {
      if (char === word[0]) {
        for (const expected of word) this.expect(expected);
        return;
      }
    }
    throw new Stop(this.i);
  }

  private object(): void {
    this.expect("{");
    this.skipWhitespace();
    if (this.text[this.i] === "}") {
      this.i++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      this.string();
      this.skipWhitespace();
      this.expect(":");
      this.value();
      this.skipWhitespace();
      if (this.text[this.i] === ",") this.i++;
      else return this.expect("}");
    }
  }

  private array(): void {
    this.expect("[");
    this.skipWhitespace();
    if (this.text[this.i] === "]") {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.skipWhitespace();
      if (this.text[this.i] === ",") this.i++;
      else return this.expect("]");
    }
  }

  private string(): void {
    this.expect('"');
    for (;;) {
      const char = this.text[this.i];
      if (char === undefined || char < " ") throw new Stop(this.i);
      this.i++;
      if (char === '"') return;
      if (char !== "\\") continue;
      const escape = this.text[this.i];
      if (escape === "u") {
        this.i++;
        for (let k = 0; k < 4; k++) {
          if (!/[0-9a-fA-F]/.test(this.text[this.i] ?? "")) throw new Stop(this.i);
          this.i++;
        }
      } else if (escape !== undefined && ESCAPES.has(escape)) this.i++;
      else throw new Stop(this.i);
    }
  }

  private digits(): void {
    const start = this.i;
    while (/[0-9]/.test(this.text[this.i] ?? "")) this.i++;
    if (this.i === start) throw new Stop(this.i);
  }

  private number(): void {
    if (this.text[this.i] === "-") this.i++;
    if (this.text[this.i] === "0") this.i++;
    else this.digits();
    if (this.text[this.i] === ".") {
      this.i++;
      this.digits();
    }
    if (this.text[this.i] === "e" || this.text[this.i] === "E") {
      this.i++;
      if (this.text[this.i] === "+" || this.text[this.i] === "-") this.i++;
      this.digits();
    }
  }
}

/** The 0-based offset of the first grammar error, or undefined for valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  return new Scanner(text).run();
}

/** 1-based line and column of a 0-based offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1] ?? "").length + 1 };
}
