import type { DocTypeMeta } from "../../src/core/meta";
import { evaluateDependsOn, evaluateExpression, parseExpression } from "../../src/schema/expression";
import { html2text } from "../../src/schema/expression-functions";
import { loadJson, readMetaFile, referenceFiles, referenceRegistry, repoDoctypeFiles } from "./helpers";

const CONDITION_KEYS = ["depends_on", "mandatory_depends_on", "read_only_depends_on", "collapsible_depends_on"] as const;

function expressionsIn(files: string[]): Array<{ file: string; field: string; key: string; expression: string }> {
  return files.flatMap((file) => {
    const meta: DocTypeMeta = readMetaFile(file);
    return meta.fields.flatMap((field) =>
      CONDITION_KEYS.filter((key) => typeof field[key] === "string" && field[key] !== "").map((key) => ({
        file,
        field: field.fieldname,
        key,
        expression: field[key] as string,
      })),
    );
  });
}

const repoExpressions = expressionsIn(repoDoctypeFiles());
const referenceExpressions = expressionsIn(referenceFiles());
/** Every condition string of the steering repo's reference DocType files, GPL ones included (strings only). */
const steeringExpressions = loadJson<{ expressions: string[] }>("data/reference-expressions.json").expressions.map((expression) => ({
  file: "reference-expressions.json",
  field: "-",
  key: "any",
  expression,
}));

describe("every depends_on-style expression in the DocType files parses", () => {
  it("finds expressions in the repo doctypes and in the Frappe/ERPNext reference files", () => {
    expect(repoExpressions.length).toBeGreaterThan(40);
    expect(referenceExpressions.length).toBeGreaterThan(60);
    expect(steeringExpressions.length).toBe(54);
  });

  it.each([...repoExpressions, ...referenceExpressions, ...steeringExpressions].map((e) => [e.expression, e.field, e.key, e]))(
    "%s (%s.%s) parses and evaluates on an empty and on a filled record",
    (_expression, _field, _key, entry) => {
      const { expression } = entry as { expression: string };
      expect(() => parseExpression(expression)).not.toThrow();
      expect(typeof evaluateDependsOn(expression, {})).toBe("boolean");
      const filled = { status: "Closed", enable_incoming: 1, use_imap: 1, footer: "<p>x</p>", rating: 0.4, imap_folder: [{ folder_name: "INBOX" }] };
      expect(typeof evaluateDependsOn(expression, filled, filled)).toBe("boolean");
    },
  );
});

describe("Email Account expressions: truth tables", () => {
  const meta = referenceRegistry().get("Email Account");
  const condition = (fieldname: string, key: (typeof CONDITION_KEYS)[number] = "depends_on") =>
    meta.fields.find((f) => f.fieldname === fieldname)?.[key] as string;

  it("use_ssl: eval:!doc.domain && doc.enable_incoming", () => {
    const expression = condition("use_ssl");
    expect(expression).toBe("eval:!doc.domain && doc.enable_incoming");
    const rows: Array<[Record<string, unknown>, boolean]> = [
      [{ domain: "", enable_incoming: 0 }, false],
      [{ domain: "", enable_incoming: 1 }, true],
      [{ domain: "example.com", enable_incoming: 1 }, false],
      [{ domain: "example.com", enable_incoming: 0 }, false],
      [{ enable_incoming: 1 }, true],
      [{ domain: null, enable_incoming: "1" }, true],
    ];
    for (const [doc, expected] of rows) expect(evaluateDependsOn(expression, doc)).toBe(expected);
  });

  it("authorize_api_access: OAuth, saved, not service principal", () => {
    const expression = condition("authorize_api_access");
    expect(expression).toBe('eval: doc.auth_method === "OAuth" && !doc.__islocal && !doc.__unsaved && !doc.backend_app_flow');
    const base = { auth_method: "OAuth", backend_app_flow: 0 };
    expect(evaluateDependsOn(expression, base)).toBe(true);
    expect(evaluateDependsOn(expression, { ...base, __islocal: 1 })).toBe(false);
    expect(evaluateDependsOn(expression, { ...base, __unsaved: 1 })).toBe(false);
    expect(evaluateDependsOn(expression, { ...base, backend_app_flow: 1 })).toBe(false);
    expect(evaluateDependsOn(expression, { ...base, auth_method: "Basic" })).toBe(false);
    expect(evaluateDependsOn(expression, { ...base, auth_method: "oauth" })).toBe(false);
  });

  it("use_starttls: no domain, incoming, IMAP, no SSL", () => {
    const expression = condition("use_starttls");
    expect(expression).toBe("eval:!doc.domain && doc.enable_incoming && doc.use_imap && !doc.use_ssl");
    const on = { enable_incoming: 1, use_imap: 1, use_ssl: 0 };
    expect(evaluateDependsOn(expression, on)).toBe(true);
    expect(evaluateDependsOn(expression, { ...on, use_ssl: 1 })).toBe(false);
    expect(evaluateDependsOn(expression, { ...on, use_imap: 0 })).toBe(false);
    expect(evaluateDependsOn(expression, { ...on, domain: "d" })).toBe(false);
  });

  it("sent_folder_name: five conditions joined by &&", () => {
    const expression = condition("sent_folder_name");
    const on = { enable_outgoing: 1, enable_incoming: 1, use_imap: 1, append_emails_to_sent_folder: 1 };
    expect(evaluateDependsOn(expression, on)).toBe(true);
    for (const key of Object.keys(on)) expect(evaluateDependsOn(expression, { ...on, [key]: 0 })).toBe(false);
  });

  it("connected_user: mandatory_depends_on with OAuth and no service principal", () => {
    const expression = condition("connected_user", "mandatory_depends_on");
    expect(expression).toBe('eval: doc.auth_method === "OAuth" && !doc.backend_app_flow');
    expect(evaluateDependsOn(expression, { auth_method: "OAuth", backend_app_flow: 0 })).toBe(true);
    expect(evaluateDependsOn(expression, { auth_method: "OAuth", backend_app_flow: 1 })).toBe(false);
    expect(evaluateDependsOn(expression, { auth_method: "Basic" })).toBe(false);
  });

  it("bare fieldnames: login_id depends on login_id_is_different", () => {
    expect(condition("login_id")).toBe("login_id_is_different");
    expect(evaluateDependsOn("login_id_is_different", { login_id_is_different: 1 })).toBe(true);
    expect(evaluateDependsOn("login_id_is_different", { login_id_is_different: 0 })).toBe(false);
    expect(evaluateDependsOn("login_id_is_different", {})).toBe(false);
  });

  it("footer section: collapsible_depends_on uses frappe.utils.html2text", () => {
    const expression = meta.fields.find((f) => f.fieldname === "set_footer")?.collapsible_depends_on as string;
    expect(expression).toBe("eval:frappe.utils.html2text(doc.footer || '')!=''");
    expect(evaluateDependsOn(expression, { footer: "<p>Regards</p>" })).toBe(true);
    expect(evaluateDependsOn(expression, { footer: "<p><br></p>" })).toBe(false);
    expect(evaluateDependsOn(expression, { footer: null })).toBe(false);
    expect(evaluateDependsOn(expression, {})).toBe(false);
  });
});

describe("JavaScript semantics", () => {
  const value = (expression: string, doc: Record<string, unknown> = {}) => evaluateExpression(expression, { doc });

  it("&& and || return one of their operands", () => {
    expect(value("eval:doc.a || doc.b", { a: "", b: "x" })).toBe("x");
    expect(value("eval:doc.a || doc.b", { a: 0, b: null })).toBeNull();
    expect(value("eval:doc.a && doc.b", { a: "first", b: "second" })).toBe("second");
    expect(value("eval:doc.a && doc.b", { a: 0, b: "second" })).toBe(0);
    expect(value("eval:doc.footer || ''", {})).toBe("");
  });

  it("== is loose for primitives, === strict", () => {
    expect(value('eval:doc.n == "1"', { n: 1 })).toBe(true);
    expect(value('eval:doc.n === "1"', { n: 1 })).toBe(false);
    expect(value("eval:doc.n == true", { n: 1 })).toBe(true);
    expect(value("eval:doc.missing == null")).toBe(true);
    expect(value("eval:doc.missing === null")).toBe(false);
    expect(value("eval:doc.missing === undefined")).toBe(true);
    expect(value('eval:doc.n != ""', { n: 0 })).toBe(false);
    expect(value('eval:doc.n !== ""', { n: 0 })).toBe(true);
    expect(value("eval:null == 0")).toBe(false);
  });

  it("relational operators compare numbers, or text when both sides are text", () => {
    expect(value("eval: doc.rating > 0", { rating: 0.2 })).toBe(true);
    expect(value("eval: doc.rating > 0", {})).toBe(false);
    expect(value('eval:doc.n >= "10"', { n: 9 })).toBe(false);
    expect(value('eval:"9" > "10"')).toBe(true);
    expect(value("eval:-1 < 0 && 2 <= 2")).toBe(true);
  });

  it("!, parentheses, ternary, arrays and in_list", () => {
    expect(value("eval:!(doc.first_name)", { first_name: "Ann" })).toBe(false);
    expect(value("eval:!!doc.x", { x: [] })).toBe(true);
    expect(value('eval:doc.x ? "yes" : "no"', { x: 0 })).toBe("no");
    expect(value('eval:in_list(["Phone","SMS"],doc.communication_medium)', { communication_medium: "SMS" })).toBe(true);
    expect(value('eval:in_list(["Phone","SMS"],doc.communication_medium)', { communication_medium: "Email" })).toBe(false);
    expect(value('eval:cint("12abc") === 12')).toBe(true);
    expect(value('eval:flt("1,234.5") > 1234')).toBe(true);
  });

  it("doc.x.length reads the length of text or rows, and is undefined otherwise", () => {
    expect(value("eval:doc.restrict_ip && doc.restrict_ip.length", { restrict_ip: "10.0.0.1" })).toBe(8);
    expect(value("eval:doc.rows.length > 1", { rows: [{}, {}] })).toBe(true);
    expect(value("eval:doc.missing.length")).toBeUndefined();
    expect(value("eval:doc.n.length", { n: 5 })).toBeUndefined();
  });

  it("a bare fieldname counts a child table by its rows", () => {
    expect(evaluateDependsOn("imap_folder", { imap_folder: [] })).toBe(false);
    expect(evaluateDependsOn("imap_folder", { imap_folder: [{ folder_name: "INBOX" }] })).toBe(true);
  });

  it("parent is the parent record for child rows and the record itself otherwise", () => {
    expect(evaluateDependsOn("eval:parent.enable_incoming", { folder_name: "INBOX" }, { enable_incoming: 1 })).toBe(true);
    expect(evaluateDependsOn("eval:parent.enable_incoming", { enable_incoming: 0 })).toBe(false);
  });

  it("a trailing semicolon is accepted, as the desk's `let out = <expr>;` does", () => {
    expect(evaluateDependsOn("eval: doc.status != 'Replied' && doc.service_level_agreement;", { status: "Open", service_level_agreement: "SLA" })).toBe(true);
  });

  it("an empty condition always holds", () => {
    expect(evaluateDependsOn(undefined, {})).toBe(true);
    expect(evaluateDependsOn("", {})).toBe(true);
    expect(evaluateDependsOn("  ", {})).toBe(true);
  });

  it("only own properties are read: inherited names are undefined", () => {
    const doc = Object.create({ inherited: 1 }) as Record<string, unknown>;
    expect(evaluateDependsOn("eval:doc.inherited", doc)).toBe(false);
  });

  it("html2text strips tags and comments and decodes entities", () => {
    expect(html2text("<p>Hello&nbsp;<b>World</b> &amp; co<!-- x --></p>")).toBe("Hello\u00a0World & co");
    expect(html2text("a < b")).toBe("a < b");
    expect(html2text(undefined)).toBe("");
  });
});
