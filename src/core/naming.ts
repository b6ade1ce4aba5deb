import { randomBytes } from "node:crypto";
import { formatDatetime } from "./datetime";
import type { Doc } from "./doc";
import type { DocTypeMeta } from "./meta";
import { ValidationError, bold } from "../errors";

/**
 * Frappe v15's naming rules (frappe/model/naming.py: set_name_from_naming_options,
 * make_autoname, parse_naming_series, getseries), without I/O: the series counter,
 * the clock and the random source are handed in.
 */
export interface NamingDeps {
  /** `tabSeries`: increments and returns the counter stored under `prefix` (first call gives 1). */
  nextSeries(prefix: string): number;
  /** Date parts (.YYYY., {MM}, ...) use this instant in the process's local time, as a site uses its own. */
  now: Date;
  randomHash(): string;
}

export interface SeriesContext {
  nextSeries(prefix: string): number;
  now: Date;
  /** Parts that name a field of the record take its value. */
  doc?: Doc;
  meta?: DocTypeMeta;
  /** Counter key to use instead of "the text built so far" (Frappe's `format:` naming passes it). */
  key?: string;
}

const BASE32HEX = "0123456789abcdefghijklmnopqrstuv";
/** Frappe's NAMING_SERIES_PATTERN: Python's Unicode `\w` plus - space / . # { } */
const NAMING_SERIES_PATTERN = /^[\p{L}\p{N}_\- /.#{}]+$/u;
const BRACED_WORD = /\{\w+\}/g;
const BRACED_HASHES = /\{#+\}/g;

/**
 * A random name like Frappe's `hash` autoname ("mm8aoajpip"): base32hex of random bytes, lower case,
 * so the characters are 0-9 and a-v.
 */
export function randomHash(length = 10): string {
  const bytes = randomBytes(length);
  let bits = 0;
  let buffer = 0;
  let out = "";
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      bits -= 5;
      out += BASE32HEX[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/**
 * The name a record gets from its DocType's `autoname`, or undefined when the rule gives none
 * (see `autonameError` for the error Frappe raises then; "By script" DocTypes are named by their
 * controller, and Frappe falls back to a random hash when the controller does not).
 * A client-supplied `doc.name` is ignored except for `Prompt`. For `naming_series:` an empty
 * `doc.naming_series` is filled with the DocType's default series, as Frappe does.
 */
export function makeAutoname(meta: DocTypeMeta, doc: Doc, deps: NamingDeps): string | undefined {
  if (meta.issingle === 1) return meta.name;
  const autoname = (meta.autoname ?? "").trim();
  const rule = autoname.toLowerCase();

  if (rule.startsWith("field:")) {
    const value = fieldText(doc[autoname.slice(6)]).trim();
    return value === "" ? undefined : value;
  }
  if (rule.startsWith("naming_series:")) {
    if (!fieldText(doc.naming_series)) {
      const fallback = defaultNamingSeries(meta);
      if (fallback === undefined) return undefined;
      doc.naming_series = fallback;
    }
    return makeSeriesName(`${fieldText(doc.naming_series)}.#####`, { ...deps, doc, meta });
  }
  if (rule.startsWith("prompt")) {
    return typeof doc.name === "string" && doc.name !== "" ? doc.name : undefined;
  }
  if (rule.startsWith("format:")) return formatAutoname(autoname, { ...deps, doc, meta });
  if (autoname.includes("#")) return makeSeriesName(autoname, { ...deps, doc, meta });
  if (rule === "autoincrement") return undefined;
  if (autoname === "" && meta.naming_rule === "By script") return undefined;
  return deps.randomHash();
}

/** The error Frappe raises when `makeAutoname` found no name, or undefined when it raises none. */
export function autonameError(meta: DocTypeMeta): ValidationError | undefined {
  const rule = (meta.autoname ?? "").trim().toLowerCase();
  const opts = { doctype: meta.name };
  if (rule.startsWith("field:")) {
    const fieldname = (meta.autoname ?? "").trim().slice(6);
    const field = meta.fields.find((f) => f.fieldname === fieldname);
    const label = field ? (field.label ?? "None") : "No Label";
    return new ValidationError(`${label} is required`, { ...opts, field: fieldname });
  }
  if (rule.startsWith("naming_series:")) return new ValidationError("Naming Series mandatory", { ...opts, field: "naming_series" });
  if (rule.startsWith("prompt")) return new ValidationError("Please set the document name", opts);
  return undefined;
}

/** First non-empty option of the `naming_series` Select (Frappe's get_default_naming_series). */
export function defaultNamingSeries(meta: DocTypeMeta): string | undefined {
  const field = meta.fields.find((f) => f.fieldname === "naming_series");
  return (field?.options ?? "").split("\n").find((option) => option !== "");
}

/**
 * Frappe's `make_autoname(key)` for a series such as `TASK-.YYYY.-.#####`: adds `.#####` when the
 * series has no `#`, checks it, then builds the name.
 */
export function makeSeriesName(series: string, ctx: SeriesContext): string {
  const full = series.includes("#") ? series : `${series}.#####`;
  if (!full.includes(".")) {
    throw new ValidationError(`Invalid naming series ${bold(full)}: dot (.) missing`, ctx.meta ? { doctype: ctx.meta.name } : {});
  }
  if (!NAMING_SERIES_PATTERN.test(full)) {
    throw new ValidationError(
      `Special Characters except '-', '#', '.', '/', '{' and '}' not allowed in naming series ${bold(full)}`,
      ctx.meta ? { doctype: ctx.meta.name } : {},
    );
  }
  return parseSeries(full, ctx);
}

/**
 * Frappe's `parse_naming_series`: joins the `.`-separated parts. The first `#...` part takes the next
 * counter value for the text built so far (the series key, e.g. `TASK-2025-`), zero-padded to the
 * number of `#`; later `#` parts are dropped. YY YYYY MM DD WW timestamp are date parts; a part in
 * braces, or one that names a field of the record, takes the field's value; anything else is literal.
 */
export function parseSeries(series: string | string[], ctx: SeriesContext): string {
  const parts = typeof series === "string" ? series.split(".") : series;
  let name = "";
  let seriesSet = false;
  for (const raw of parts) {
    if (raw === "") continue;
    let part: unknown = "";
    if (raw.startsWith("#")) {
      if (!seriesSet) {
        part = String(ctx.nextSeries(ctx.key ?? name)).padStart(raw.length, "0");
        seriesSet = true;
      }
    } else if (Object.hasOwn(DATE_PARTS, raw)) {
      part = DATE_PARTS[raw]!(ctx.now);
    } else if (ctx.doc && (raw.startsWith("{") || namesField(raw, ctx))) {
      part = ctx.doc[raw.replace(/[{}]/g, "")];
    } else {
      part = raw;
    }
    // Strings are kept as they are; numbers are trimmed text; empty values add nothing.
    if (typeof part === "string") name += part;
    else if (typeof part === "number") name += String(part).trim();
  }
  return name;
}

/** Frappe's NamingSeries.get_prefix: the counter key a series uses today (`SINV-.YY.-.####` -> `SINV-25-`). */
export function seriesPrefix(series: string, ctx: Omit<SeriesContext, "nextSeries">): string {
  let prefix: string | undefined;
  const full = series.includes("#") ? series : `${series}.#####`;
  parseSeries(full, {
    ...ctx,
    nextSeries: (key) => {
      prefix = key;
      return 0;
    },
  });
  if (prefix === undefined) throw new ValidationError(`Invalid Naming Series: ${full}`);
  return prefix;
}

/** `format:LOG-{MM}-{fieldname}-{#####}`: braced words first, then the braced counter keyed by the text before it. */
function formatAutoname(autoname: string, ctx: SeriesContext): string {
  const pattern = autoname.slice(autoname.indexOf(":") + 1);
  const withWords = pattern.replace(BRACED_WORD, (param) => parseSeries([param.slice(1, -1)], ctx));
  return withWords.replace(BRACED_HASHES, (param) =>
    parseSeries([param.slice(1, -1)], { ...ctx, key: withWords.slice(0, withWords.indexOf(param)) }),
  );
}

const pad2 = (n: number) => String(n).padStart(2, "0");

const DATE_PARTS: Record<string, (now: Date) => string> = {
  YY: (now) => pad2(now.getFullYear() % 100),
  YYYY: (now) => String(now.getFullYear()).padStart(4, "0"),
  MM: (now) => pad2(now.getMonth() + 1),
  DD: (now) => pad2(now.getDate()),
  WW: (now) => consecutiveWeekNumber(now),
  // Python's str(datetime) leaves out the fraction when it is zero.
  timestamp: (now) => formatDatetime(now).replace(/\.000000$/, ""),
};

/** ISO week, except that early January is week 00 and late December week 53 (Frappe keeps weeks in order). */
function consecutiveWeekNumber(now: Date): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const weekday = (day.getDay() + 6) % 7; // Monday = 0
  day.setDate(day.getDate() - weekday + 3); // the Thursday of this week decides the ISO year
  const firstThursday = new Date(day.getFullYear(), 0, 4);
  const firstWeekday = (firstThursday.getDay() + 6) % 7;
  firstThursday.setDate(firstThursday.getDate() - firstWeekday + 3);
  const week = 1 + Math.round((day.getTime() - firstThursday.getTime()) / (7 * 24 * 3600 * 1000));
  if (now.getMonth() === 0 && week >= 52) return "00";
  if (now.getMonth() === 11 && week <= 1) return "53";
  return pad2(week);
}

/** Frappe's Document has every field of its DocType as an attribute; a plain record may leave some out. */
function namesField(part: string, ctx: SeriesContext): boolean {
  if (ctx.doc && Object.prototype.hasOwnProperty.call(ctx.doc, part)) return true;
  return ctx.meta?.fields.some((f) => f.fieldname === part) ?? false;
}

function fieldText(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}
