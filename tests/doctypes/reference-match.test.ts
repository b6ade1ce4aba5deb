import fs from "node:fs";
import path from "node:path";
import type { DocField, DocTypeMeta } from "../../src/core/meta";

/**
 * Pins doctypes/ against the upstream files in tests/data/reference-doctypes/: verbatim copies stay
 * byte-equal, reduced ones keep upstream's exact text for everything they keep. The GPL ERPNext/HRMS
 * DocTypes are pinned against digests (erpnext-digest/): upstream's full field_order, the top-level
 * keys below, and only the field definitions the checks need, each unchanged.
 */
const ROOT = path.resolve(__dirname, "../..");
const REFERENCE = path.join(ROOT, "tests/data/reference-doctypes");

/** snake name -> reference folder */
const VERBATIM: Record<string, string> = {
  email_account: "frappe-doctypes",
  email_domain: "frappe-doctypes",
  imap_folder: "frappe-doctypes",
  communication: "frappe-doctypes",
  communication_link: "frappe-doctypes",
  unhandled_email: "frappe-doctypes",
  email_queue: "frappe-doctypes",
  email_queue_recipient: "frappe-doctypes",
  user_email: "frappe-doctypes",
  contact: "erpnext-doctypes",
  contact_email: "erpnext-doctypes",
  contact_phone: "erpnext-doctypes",
  dynamic_link: "erpnext-doctypes",
  file: "erpnext-doctypes",
  event: "erpnext-doctypes",
  todo: "erpnext-doctypes",
  event_participants: "frappe-extra",
};

const REDUCED: Record<string, string> = {
  lead: "erpnext-digest",
  opportunity: "erpnext-digest",
  issue: "erpnext-digest",
  task: "erpnext-digest",
  job_applicant: "erpnext-digest",
  user: "frappe-extra",
  connected_app: "frappe-extra",
  email_template: "frappe-extra",
};

/** Top-level keys a reduced file may carry; each must equal upstream, and be absent when upstream lacks it. */
const REDUCED_TOP_KEYS = [
  "name",
  "module",
  "autoname",
  "naming_rule",
  "istable",
  "issingle",
  "email_append_to",
  "sender_field",
  "sender_name_field",
  "subject_field",
  "title_field",
  "sort_field",
  "sort_order",
  "track_seen",
];

const ourFile = (snake: string) => path.join(ROOT, "doctypes", snake, `${snake}.json`);
const referenceFile = (snake: string, folder: string) => path.join(REFERENCE, folder, `${snake}.json`);
const readMeta = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as DocTypeMeta;

const DIGESTS = Object.entries(REDUCED).filter(([, folder]) => folder === "erpnext-digest");

const reduced = Object.entries(REDUCED).map(([snake, folder]) => ({
  snake,
  ours: readMeta(ourFile(snake)),
  reference: readMeta(referenceFile(snake, folder)),
}));

const keptFields = reduced.flatMap(({ ours, reference }) =>
  ours.fields.map((field) => ({
    doctype: ours.name,
    fieldname: field.fieldname,
    ours: field,
    reference: reference.fields.find((f) => f.fieldname === field.fieldname),
  })),
);

/** Fields a local site cannot do without: mandatory ones, the e-mail and title fields, the naming series. */
function essentialFields(reference: DocTypeMeta): string[] {
  const names = reference.fields.filter((f: DocField) => f.reqd === 1).map((f) => f.fieldname);
  for (const key of ["sender_field", "sender_name_field", "subject_field", "title_field"]) {
    if (typeof reference[key] === "string") names.push(reference[key] as string);
  }
  if ((reference.autoname ?? "").startsWith("naming_series:")) names.push("naming_series");
  // field_order, not fields: a digest lists every upstream field name there but defines only a few.
  if ((reference.field_order ?? []).includes("status")) names.push("status");
  return [...new Set(names)];
}

/** Frappe writes DocType files as json.dumps(indent=1, sort_keys=True). */
function frappeJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sortKeys(value), null, 1);
}

describe("doctypes/ is fully covered", () => {
  test("every DocType folder is listed as verbatim or reduced, and every listed one exists", () => {
    const folders = fs
      .readdirSync(path.join(ROOT, "doctypes"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual([...Object.keys(VERBATIM), ...Object.keys(REDUCED)].sort());
  });
});

describe("verbatim Frappe files", () => {
  test.each(Object.entries(VERBATIM))("%s.json is byte-equal to the reference (%s)", (snake, folder) => {
    expect(fs.readFileSync(ourFile(snake)).equals(fs.readFileSync(referenceFile(snake, folder)))).toBe(true);
  });

  test.each(Object.entries(VERBATIM))("%s.json is deep-equal to the reference (%s)", (snake, folder) => {
    expect(readMeta(ourFile(snake))).toStrictEqual(readMeta(referenceFile(snake, folder)));
  });
});

describe("digests of GPL upstream files", () => {
  test.each(DIGESTS)("%s: digest carries only the allowed keys and defines fields listed in its full field_order", (snake, folder) => {
    const digest = readMeta(referenceFile(snake, folder));
    const allowed = new Set(["doctype", "field_order", "fields", ...REDUCED_TOP_KEYS]);
    expect(Object.keys(digest).filter((k) => !allowed.has(k))).toEqual([]);
    const order = digest.field_order ?? [];
    expect(new Set(order).size).toBe(order.length);
    // Upstream's fields array need not follow field_order, so only membership is checked here.
    expect(digest.fields.map((f) => f.fieldname).filter((name) => !order.includes(name))).toEqual([]);
  });

  test.each(DIGESTS)("%s: digest defines every upstream e-mail settings field it names", (snake, folder) => {
    const digest = readMeta(referenceFile(snake, folder));
    for (const key of ["sender_field", "sender_name_field", "subject_field"]) {
      if (typeof digest[key] === "string") expect(digest.fields.map((f) => f.fieldname)).toContain(digest[key]);
    }
  });
});

describe("reduced files", () => {
  test.each(keptFields)("$doctype: field $fieldname equals the reference field in every attribute", ({ ours, reference }) => {
    expect(reference).toBeDefined();
    expect(ours).toStrictEqual(reference);
  });

  test.each(reduced)("$snake: field_order is the reference order restricted to the kept fields", ({ ours, reference }) => {
    const kept = new Set(ours.fields.map((f) => f.fieldname));
    expect(ours.field_order).toEqual((reference.field_order ?? []).filter((name) => kept.has(name)));
    expect(new Set(ours.field_order)).toEqual(kept);
  });

  test.each(reduced)("$snake: fields keep the reference file order", ({ ours, reference }) => {
    const kept = new Set(ours.fields.map((f) => f.fieldname));
    expect(ours.fields.map((f) => f.fieldname)).toEqual(reference.fields.map((f) => f.fieldname).filter((n) => kept.has(n)));
  });

  const topLevel = reduced.flatMap(({ ours, reference }) => REDUCED_TOP_KEYS.map((key) => ({ doctype: ours.name, key, ours, reference })));
  test.each(topLevel)("$doctype: top-level $key equals the reference (absent stays absent)", ({ key, ours, reference }) => {
    expect(key in ours).toBe(key in reference);
    expect(ours[key]).toStrictEqual(reference[key]);
  });

  test.each(reduced)("$snake: carries no top-level key besides doctype, field_order, fields and the allowed ones", ({ ours }) => {
    const allowed = new Set(["doctype", "field_order", "fields", ...REDUCED_TOP_KEYS]);
    expect(Object.keys(ours).filter((k) => !allowed.has(k))).toEqual([]);
    expect(ours.doctype).toBe("DocType");
  });

  const essentials = reduced.flatMap(({ ours, reference }) =>
    essentialFields(reference).map((fieldname) => ({ doctype: ours.name, fieldname, ours })),
  );
  test.each(essentials)("$doctype keeps $fieldname (mandatory, e-mail, title, naming or status field)", ({ fieldname, ours }) => {
    expect(ours.fields.map((f) => f.fieldname)).toContain(fieldname);
  });

  test.each(reduced)("$snake.json is written as Frappe writes DocType files", ({ snake, ours }) => {
    expect(fs.readFileSync(ourFile(snake), "utf8")).toBe(`${frappeJson(ours)}\n`);
  });

  test("Task stays without email_append_to, as in v15", () => {
    expect("email_append_to" in readMeta(ourFile("task"))).toBe(false);
  });
});
