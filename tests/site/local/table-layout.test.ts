import { buildTableLayout } from "../../../src/site/local";
import { ValidationError } from "../../../src/errors";
import { registry, shippedMeta } from "./helpers";

describe("buildTableLayout", () => {
  const meta = registry();

  it("names the table tab<DocType> and starts with Frappe's standard columns", () => {
    const layout = buildTableLayout(meta.get("Email Account"));
    expect(layout.table).toBe("tabEmail Account");
    expect(layout.columns.slice(0, 7).map((c) => c.name)).toEqual(["name", "owner", "creation", "modified", "modified_by", "docstatus", "idx"]);
  });

  it("gives value fields a column in meta order and skips layout and table fields", () => {
    const layout = buildTableLayout(meta.get("Email Account"));
    const names = layout.columns.map((c) => c.name);
    expect(names.slice(7, 11)).toEqual(["email_id", "email_account_name", "domain", "service"]);
    for (const skipped of ["account_section", "column_break_3", "authorize_api_access", "imap_folder"]) expect(names).not.toContain(skipped);
    expect(names).toContain("password");
  });

  it("maps Check/Int to integers, Float-like to reals and the rest to text", () => {
    const layout = buildTableLayout(meta.get("Email Account"));
    expect(layout.byName.get("enable_incoming")?.kind).toBe("integer");
    expect(layout.byName.get("uidnext")?.kind).toBe("integer");
    expect(layout.byName.get("email_id")?.kind).toBe("text");
    expect(layout.byName.get("signature")?.kind).toBe("text");
    const custom = shippedMeta("Email Domain");
    custom.fields.push({ fieldname: "quota", fieldtype: "Float", label: "Quota" }, { fieldname: "share", fieldtype: "Percent", label: "Share" });
    const withReals = buildTableLayout(custom);
    expect(withReals.byName.get("quota")?.kind).toBe("real");
    expect(withReals.byName.get("share")?.kind).toBe("real");
  });

  it("takes numeric column defaults from the meta, as Frappe's schema does", () => {
    const layout = buildTableLayout(meta.get("Email Account"));
    expect(layout.byName.get("create_contact")).toMatchObject({ notNull: true, defaultSql: "1" });
    expect(layout.byName.get("enable_incoming")).toMatchObject({ notNull: true, defaultSql: "0" });
    expect(layout.byName.get("email_sync_option")).toMatchObject({ notNull: false, defaultSql: "'UNSEEN'" });
  });

  it("marks unique fields", () => {
    const layout = buildTableLayout(meta.get("Email Account"));
    expect(layout.columns.filter((c) => c.unique).map((c) => c.name).sort()).toEqual(["email_account_name", "email_id"]);
  });

  it("gives child tables parent, parentfield and parenttype after the fields, and no optional columns", () => {
    const layout = buildTableLayout(meta.get("IMAP Folder"));
    const names = layout.columns.map((c) => c.name);
    expect(names.slice(-3)).toEqual(["parent", "parentfield", "parenttype"]);
    expect(layout.byName.get("parent")?.indexed).toBe(true);
    expect(names).not.toContain("_user_tags");
  });

  it("gives parent tables the optional _user_tags, _comments, _assign, _liked_by columns, and _seen when track_seen", () => {
    const account = buildTableLayout(meta.get("Email Account")).columns.filter((c) => c.optional).map((c) => c.name);
    expect(account).toEqual(["_user_tags", "_comments", "_assign", "_liked_by"]);
    // Communication declares _user_tags as a field of its own: it keeps that column, once.
    const communication = buildTableLayout(meta.get("Communication")).columns;
    expect(communication.filter((c) => c.optional).map((c) => c.name)).toEqual(["_comments", "_assign", "_liked_by", "_seen"]);
    expect(communication.filter((c) => c.name === "_user_tags")).toHaveLength(1);
  });

  it("refuses a fieldname with special characters with Frappe's message", () => {
    const custom = shippedMeta("Email Domain");
    custom.fields.push({ fieldname: 'x"; DROP TABLE y', fieldtype: "Data" });
    expect(() => buildTableLayout(custom)).toThrow(ValidationError);
    expect(() => buildTableLayout(custom)).toThrow('Fieldname <strong>x"; DROP TABLE y</strong> cannot have special characters like """, ";", " "');
  });
});
