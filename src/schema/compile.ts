import Ajv, { type ValidateFunction } from "ajv";
import type { DocField, DocTypeMeta } from "../core/meta";
import { isDateText, isDatetimeText, isTimeText } from "./datetime-text";
import { maxIntValue, maxTextLength, selectOptions, valueKind } from "./field-types";

/**
 * DocType meta -> JSON Schema -> ajv validator, cached per meta object. The schema describes
 * a record in its stored form (after coerceTypes): Check 0/1, Int within the column's range,
 * Select one of its options (or empty), text within Frappe's column length (Data and other
 * varchar(140) types: `length` or 140; Small Text, Text, Password, Attach: 65535; longtext
 * types unlimited), dates in Frappe's text forms, tables as lists of row objects (rows are
 * validated against their own DocType by validate.ts), `required` for `reqd` fields.
 * Unknown keys are refused except `_`-prefixed bookkeeping keys.
 */
export type JsonSchema = Record<string, unknown>;

export interface CompiledDocType {
  readonly doctype: string;
  readonly schema: JsonSchema;
  readonly validate: ValidateFunction;
}

export const DATE_FORMAT = "frappe-date";
export const DATETIME_FORMAT = "frappe-datetime";
export const TIME_FORMAT = "frappe-time";

let sharedAjv: Ajv | undefined;

/** One ajv instance for every DocType, with Frappe's date/time text forms as formats. */
export function getAjv(): Ajv {
  if (!sharedAjv) {
    sharedAjv = new Ajv({ allErrors: true, strict: true });
    sharedAjv.addFormat(DATE_FORMAT, { type: "string", validate: isDateText });
    sharedAjv.addFormat(DATETIME_FORMAT, { type: "string", validate: isDatetimeText });
    sharedAjv.addFormat(TIME_FORMAT, { type: "string", validate: isTimeText });
  }
  return sharedAjv;
}

const STANDARD_PROPERTIES: Record<string, JsonSchema> = {
  doctype: { type: "string" },
  name: { type: "string", nullable: true },
  owner: { type: "string", nullable: true },
  creation: { type: "string", nullable: true, format: DATETIME_FORMAT },
  modified: { type: "string", nullable: true, format: DATETIME_FORMAT },
  modified_by: { type: "string", nullable: true },
  docstatus: { type: "integer", minimum: 0, maximum: 2 },
  idx: { type: "integer", minimum: 0 },
  parent: { type: "string", nullable: true },
  parentfield: { type: "string", nullable: true },
  parenttype: { type: "string", nullable: true },
};

/** The schema of one field's stored value, or undefined for layout fields (no column). */
export function fieldSchema(field: DocField): JsonSchema | undefined {
  const kind = valueKind(field);
  switch (kind) {
    case undefined:
      return undefined;
    case "check":
      return { type: "integer", nullable: true, minimum: 0, maximum: 1 };
    case "int": {
      const max = maxIntValue(field);
      return { type: "integer", nullable: true, minimum: -max, maximum: max };
    }
    case "float":
      return { type: "number", nullable: true };
    case "date":
      return { type: "string", nullable: true, format: DATE_FORMAT };
    case "datetime":
      return { type: "string", nullable: true, format: DATETIME_FORMAT };
    case "time":
      return { type: "string", nullable: true, format: TIME_FORMAT };
    case "table":
      return { type: "array", nullable: true, items: { type: "object" } };
    case "json":
      return { type: "string", nullable: true };
    case "text": {
      const schema: JsonSchema = { type: "string", nullable: true };
      const max = maxTextLength(field);
      if (max !== undefined) schema.maxLength = max;
      const options = selectOptions(field);
      // An empty Select value is never checked against the options (`_validate_selects`).
      if (options) schema.enum = [...new Set([...options, ""]), null];
      return schema;
    }
  }
}

/** The JSON Schema of a record of this DocType. */
export function docTypeSchema(meta: DocTypeMeta): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...STANDARD_PROPERTIES, doctype: { type: "string", const: meta.name } };
  const required: string[] = [];
  for (const field of meta.fields) {
    const schema = fieldSchema(field);
    if (!schema) continue;
    properties[field.fieldname] = schema;
    if (field.reqd === 1 && !required.includes(field.fieldname)) required.push(field.fieldname);
  }
  return {
    $comment: `Frappe DocType ${meta.name}`,
    type: "object",
    properties,
    patternProperties: { "^_": {} },
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
  };
}

const compiled = new WeakMap<DocTypeMeta, CompiledDocType>();

/** The DocType's schema and ajv validator, compiled once per meta object. */
export function compileDocType(meta: DocTypeMeta): CompiledDocType {
  const cached = compiled.get(meta);
  if (cached) return cached;
  const schema = docTypeSchema(meta);
  const result: CompiledDocType = { doctype: meta.name, schema, validate: getAjv().compile(schema) };
  compiled.set(meta, result);
  return result;
}
