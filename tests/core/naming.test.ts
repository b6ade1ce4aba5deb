import type { Doc } from "../../src/core/doc";
import type { DocField, DocTypeMeta } from "../../src/core/meta";
import {
  autonameError,
  defaultNamingSeries,
  makeAutoname,
  makeSeriesName,
  type NamingDeps,
  parseSeries,
  randomHash,
  seriesPrefix,
} from "../../src/core/naming";
import { ValidationError } from "../../src/errors";

/** `tabSeries` in memory: the counter per key, as Frappe's getseries keeps it. */
function memorySeries() {
  const counters = new Map<string, number>();
  return {
    counters,
    nextSeries(prefix: string): number {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      return next;
    },
  };
}

// Local time: date parts use the process's clock, as a site uses its own time zone.
const FEB_5_2025 = new Date(2025, 1, 5, 6, 54, 35);

function deps(now = FEB_5_2025): NamingDeps & { counters: Map<string, number> } {
  const series = memorySeries();
  return { nextSeries: series.nextSeries, counters: series.counters, now, randomHash: () => "fixedhash0" };
}

function meta(autoname: string | undefined, fields: DocField[] = [], extra: Partial<DocTypeMeta> = {}): DocTypeMeta {
  return { doctype: "DocType", name: "Sample", ...(autoname === undefined ? {} : { autoname }), fields, ...extra };
}

const doc = (values: Record<string, unknown> = {}): Doc => ({ doctype: "Sample", ...values });

describe("randomHash", () => {
  test("gives 10 characters of Frappe's base32hex alphabet by default", () => {
    for (let i = 0; i < 200; i++) expect(randomHash()).toMatch(/^[0-9a-v]{10}$/);
  });

  test("honours the requested length", () => {
    expect(randomHash(4)).toMatch(/^[0-9a-v]{4}$/);
    expect(randomHash(32)).toMatch(/^[0-9a-v]{32}$/);
  });

  test("does not repeat itself", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => randomHash()));
    expect(seen.size).toBe(1000);
  });
});

describe("makeAutoname: field:<fieldname>", () => {
  const emailAccount = meta("field:email_account_name", [{ fieldname: "email_account_name", fieldtype: "Data", label: "Email Account Name" }]);

  test("takes the field's value, trimmed", () => {
    expect(makeAutoname(emailAccount, doc({ email_account_name: "  Support Desk " }), deps())).toBe("Support Desk");
  });

  test("gives undefined for an empty or missing value", () => {
    expect(makeAutoname(emailAccount, doc({ email_account_name: "   " }), deps())).toBeUndefined();
    expect(makeAutoname(emailAccount, doc(), deps())).toBeUndefined();
  });

  test("ignores a name supplied by the client", () => {
    expect(makeAutoname(emailAccount, doc({ name: "Other", email_account_name: "Sales" }), deps())).toBe("Sales");
  });

  test("autonameError gives Frappe's '<label> is required'", () => {
    const err = autonameError(emailAccount);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err?.message).toBe("Email Account Name is required");
    expect(err?.field).toBe("email_account_name");
  });
});

describe("makeAutoname: hash and no rule", () => {
  test.each([["hash"], [""], [undefined]])("autoname %p gives a random hash", (autoname) => {
    expect(makeAutoname(meta(autoname), doc({ name: "ignored" }), deps())).toBe("fixedhash0");
  });

  test("an unknown rule without '#' falls back to a hash, as Frappe does", () => {
    expect(makeAutoname(meta("Something Else"), doc(), deps())).toBe("fixedhash0");
  });

  test("'By script' without autoname gives undefined: the controller names it", () => {
    expect(makeAutoname(meta(undefined, [], { naming_rule: "By script" }), doc(), deps())).toBeUndefined();
    expect(autonameError(meta(undefined, [], { naming_rule: "By script" }))).toBeUndefined();
  });

  test("a single DocType is named after itself", () => {
    expect(makeAutoname(meta("hash", [], { name: "System Settings", issingle: 1 }), doc(), deps())).toBe("System Settings");
  });
});

describe("makeAutoname: Prompt", () => {
  test("keeps the name given", () => {
    expect(makeAutoname(meta("Prompt"), doc({ name: "Welcome Mail" }), deps())).toBe("Welcome Mail");
  });

  test("gives undefined without a name, and autonameError says to set one", () => {
    expect(makeAutoname(meta("Prompt"), doc(), deps())).toBeUndefined();
    expect(autonameError(meta("Prompt"))?.message).toBe("Please set the document name");
  });
});

describe("makeAutoname: naming_series:", () => {
  const lead = meta("naming_series:", [
    { fieldname: "naming_series", fieldtype: "Select", options: "CRM-LEAD-.YYYY.-" },
    { fieldname: "lead_name", fieldtype: "Data" },
  ]);

  test("uses the doc's series with a 5-digit counter keyed by the prefix", () => {
    const d = deps();
    expect(makeAutoname(lead, doc({ naming_series: "LD-.YY.-.MM.-" }), d)).toBe("LD-25-02-00001");
    expect(makeAutoname(lead, doc({ naming_series: "LD-.YY.-.MM.-" }), d)).toBe("LD-25-02-00002");
    expect(d.counters.get("LD-25-02-")).toBe(2);
  });

  test("falls back to the first option of the naming_series field and records it on the doc", () => {
    const record = doc();
    expect(makeAutoname(lead, record, deps())).toBe("CRM-LEAD-2025-00001");
    expect(record.naming_series).toBe("CRM-LEAD-.YYYY.-");
  });

  test("skips empty options when picking the default", () => {
    const m = meta("naming_series:", [{ fieldname: "naming_series", fieldtype: "Select", options: "\nISS-.YYYY.-\nSUP-" }]);
    expect(defaultNamingSeries(m)).toBe("ISS-.YYYY.-");
    expect(makeAutoname(m, doc(), deps())).toBe("ISS-2025-00001");
  });

  test("a series with its own '#' part keeps it (the appended one is dropped)", () => {
    expect(makeAutoname(lead, doc({ naming_series: "INV-.###" }), deps())).toBe("INV-001");
  });

  test("without any series gives undefined, and autonameError is 'Naming Series mandatory'", () => {
    const bare = meta("naming_series:", [{ fieldname: "naming_series", fieldtype: "Select" }]);
    expect(makeAutoname(bare, doc(), deps())).toBeUndefined();
    expect(autonameError(bare)?.message).toBe("Naming Series mandatory");
  });

  test("DD gives the day of the month", () => {
    expect(makeAutoname(lead, doc({ naming_series: "D-.DD.-" }), deps())).toBe("D-05-00001");
  });
});

describe("makeAutoname: old-style expressions", () => {
  test("EV.##### (Event)", () => {
    const d = deps();
    expect(makeAutoname(meta("EV.#####"), doc(), d)).toBe("EV00001");
    expect(makeAutoname(meta("EV.#####"), doc(), d)).toBe("EV00002");
    expect([...d.counters.keys()]).toEqual(["EV"]);
  });

  test("TASK-.YYYY.-.##### (Task) counts per year", () => {
    const d = deps();
    expect(makeAutoname(meta("TASK-.YYYY.-.#####"), doc(), d)).toBe("TASK-2025-00001");
    expect(makeAutoname(meta("TASK-.YYYY.-.#####"), doc(), { ...d, now: new Date(2026, 0, 2) })).toBe("TASK-2026-00001");
    expect(d.counters.get("TASK-2025-")).toBe(1);
  });

  test("a counter past its width is not cut", () => {
    const d = deps();
    d.counters.set("X", 99);
    expect(makeAutoname(meta("X.##"), doc(), d)).toBe("X100");
  });

  test("a part naming a field of the record takes its value", () => {
    const m = meta("PRJ-.project.-.###", [{ fieldname: "project", fieldtype: "Data" }]);
    expect(makeAutoname(m, doc({ project: "ALPHA" }), deps())).toBe("PRJ-ALPHA-001");
  });

  test("a series with characters Frappe refuses fails with its message", () => {
    expect(() => makeAutoname(meta("BAD*.####"), doc(), deps())).toThrow(
      new ValidationError("Special Characters except '-', '#', '.', '/', '{' and '}' not allowed in naming series <strong>BAD*.####</strong>"),
    );
  });
});

describe("makeAutoname: format:", () => {
  test("fills braced fields, date parts and a counter keyed by the text before it", () => {
    const m = meta("format:LOG-{MM}-{category}-{####}", [{ fieldname: "category", fieldtype: "Data" }]);
    const d = deps();
    expect(makeAutoname(m, doc({ category: "net" }), d)).toBe("LOG-02-net-0001");
    expect(makeAutoname(m, doc({ category: "net" }), d)).toBe("LOG-02-net-0002");
    expect(makeAutoname(m, doc({ category: "db" }), d)).toBe("LOG-02-db-0001");
    expect(d.counters.get("LOG-02-net-")).toBe(2);
  });

  test("a braced word that is neither a field nor a date part stays as its text, as in Frappe", () => {
    expect(makeAutoname(meta("format:REQ-{nothing}-{##}"), doc(), deps())).toBe("REQ-nothing-01");
  });
});

describe("parseSeries and seriesPrefix", () => {
  test("a WW part is the ISO week, kept in order across the new year", () => {
    const ctx = (now: Date) => ({ ...deps(now) });
    expect(parseSeries("W.WW", ctx(new Date(2025, 1, 5)))).toBe("W06");
    expect(parseSeries("W.WW", ctx(new Date(2021, 0, 1)))).toBe("W00"); // ISO week 53 of 2020
    expect(parseSeries("W.WW", ctx(new Date(2024, 11, 30)))).toBe("W53"); // ISO week 1 of 2025
  });

  test("a timestamp part is the local date and time", () => {
    expect(parseSeries("T-.timestamp", deps())).toBe("T-2025-02-05 06:54:35");
  });

  test("a braced part naming no field adds nothing", () => {
    expect(makeSeriesName("A-.{nothing}.-.##", { ...deps(), doc: doc() })).toBe("A--01");
  });

  test("makeSeriesName adds the default counter when the series has none", () => {
    expect(makeSeriesName("SUP-.YY.-", deps())).toBe("SUP-25-00001");
  });

  test("makeSeriesName refuses a series without a dot", () => {
    expect(() => makeSeriesName("ABC###", deps())).toThrow("Invalid naming series <strong>ABC###</strong>: dot (.) missing");
  });

  test("seriesPrefix gives the counter key without touching any counter", () => {
    expect(seriesPrefix("SINV-.YY.-.####", { now: FEB_5_2025 })).toBe("SINV-25-");
    expect(seriesPrefix("CRM-LEAD-.YYYY.-", { now: FEB_5_2025 })).toBe("CRM-LEAD-2025-");
  });
});
