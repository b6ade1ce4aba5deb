/**
 * The few JavaScript value rules a `depends_on` expression relies on, written out by hand
 * so that no value from a record ever reaches the engine's own conversions (which would call
 * a record's `toString` / `valueOf`). Records are plain JSON data: primitives, arrays, objects.
 */
export type Primitive = string | number | boolean | null | undefined;

/** JS truthiness: false, 0, NaN, "", null and undefined are falsy; arrays and objects are truthy. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === "") return false;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  return true;
}

/** ToPrimitive for JSON data: an array becomes its elements joined by ",", an object "[object Object]". */
export function toPrimitive(value: unknown): Primitive {
  if (value === null || value === undefined) return value;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((item) => (item === null || item === undefined ? "" : toText(item))).join(",");
  return "[object Object]";
}

/** JS ToString for JSON data. */
export function toText(value: unknown): string {
  const primitive = toPrimitive(value);
  return String(primitive);
}

/** JS ToNumber for primitives ("" and null are 0, undefined and non-numeric text NaN). */
export function toNumber(value: Primitive): number {
  if (value === undefined) return Number.NaN;
  if (value === null) return 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  return Number(value);
}

/** `===`: same type and value; two arrays/objects only when they are the same one. */
export function strictEquals(a: unknown, b: unknown): boolean {
  return a === b;
}

/** `==`: JavaScript's abstract equality, restricted to JSON data. */
export function looseEquals(a: unknown, b: unknown): boolean {
  const aIsObject = typeof a === "object" && a !== null;
  const bIsObject = typeof b === "object" && b !== null;
  if (aIsObject && bIsObject) return a === b;
  if (aIsObject) return looseEquals(toPrimitive(a), b);
  if (bIsObject) return looseEquals(a, toPrimitive(b));
  const x = a as Primitive;
  const y = b as Primitive;
  if (x === null || x === undefined) return y === null || y === undefined;
  if (y === null || y === undefined) return false;
  if (typeof x === typeof y) return x === y;
  if (typeof x === "boolean" || typeof y === "boolean") return looseEquals(toNumber(x), toNumber(y));
  // Remaining mix: a number and a string.
  return toNumber(x) === toNumber(y);
}

/** `<`, `>`, `<=`, `>=` with JS rules: two strings compare as text, anything else as numbers (NaN -> false). */
export function compare(op: "<" | ">" | "<=" | ">=", a: unknown, b: unknown): boolean {
  const x = toPrimitive(a);
  const y = toPrimitive(b);
  if (typeof x === "string" && typeof y === "string") {
    if (op === "<") return x < y;
    if (op === ">") return x > y;
    if (op === "<=") return x <= y;
    return x >= y;
  }
  const nx = toNumber(x);
  const ny = toNumber(y);
  if (op === "<") return nx < ny;
  if (op === ">") return nx > ny;
  if (op === "<=") return nx <= ny;
  return nx >= ny;
}
