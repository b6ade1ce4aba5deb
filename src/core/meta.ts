/**
 * DocType meta in Frappe's own JSON shape (the parts this project reads). The
 * files live in doctypes/<snake_name>/<snake_name>.json.
 */
export type FieldType =
  | "Attach"
  | "Attach Image"
  | "Autocomplete"
  | "Barcode"
  | "Button"
  | "Check"
  | "Code"
  | "Color"
  | "Column Break"
  | "Currency"
  | "Data"
  | "Date"
  | "Datetime"
  | "Duration"
  | "Dynamic Link"
  | "Float"
  | "Fold"
  | "Geolocation"
  | "Heading"
  | "HTML"
  | "HTML Editor"
  | "Icon"
  | "Image"
  | "Int"
  | "JSON"
  | "Link"
  | "Long Int"
  | "Long Text"
  | "Markdown Editor"
  | "Password"
  | "Percent"
  | "Phone"
  | "Rating"
  | "Read Only"
  | "Section Break"
  | "Select"
  | "Signature"
  | "Small Text"
  | "Tab Break"
  | "Table"
  | "Table MultiSelect"
  | "Text"
  | "Text Editor"
  | "Time";

export interface DocField {
  fieldname: string;
  fieldtype: FieldType;
  label?: string;
  options?: string;
  default?: string;
  depends_on?: string;
  mandatory_depends_on?: string;
  read_only_depends_on?: string;
  fetch_from?: string;
  fetch_if_empty?: 0 | 1;
  reqd?: 0 | 1;
  unique?: 0 | 1;
  read_only?: 0 | 1;
  hidden?: 0 | 1;
  no_copy?: 0 | 1;
  length?: number;
  in_list_view?: 0 | 1;
  [key: string]: unknown;
}

export interface DocTypeMeta {
  doctype: "DocType";
  name: string;
  module?: string;
  istable?: 0 | 1;
  issingle?: 0 | 1;
  is_submittable?: 0 | 1;
  autoname?: string;
  naming_rule?: string;
  title_field?: string;
  email_append_to?: 0 | 1;
  sender_field?: string;
  sender_name_field?: string;
  subject_field?: string;
  track_seen?: 0 | 1;
  field_order?: string[];
  fields: DocField[];
  [key: string]: unknown;
}

/** Field types that hold no value (layout only). */
export const NO_VALUE_TYPES: ReadonlySet<string> = new Set([
  "Section Break",
  "Column Break",
  "Tab Break",
  "HTML",
  "Button",
  "Image",
  "Fold",
  "Heading",
  "Table",
  "Table MultiSelect",
]);

/** Child-table field types. */
export const TABLE_TYPES: ReadonlySet<string> = new Set(["Table", "Table MultiSelect"]);

export function isValueField(field: DocField): boolean {
  return !NO_VALUE_TYPES.has(field.fieldtype);
}

export function isTableField(field: DocField): boolean {
  return TABLE_TYPES.has(field.fieldtype);
}

/** `email_account` for "Email Account": Frappe's scrub(). */
export function scrub(name: string): string {
  return name.replace(/[ -]/g, "_").toLowerCase();
}
