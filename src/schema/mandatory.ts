import { cstr } from "../core/doc";
import { type DocField, isTableField } from "../core/meta";
import { bold, FrappeError, MandatoryError } from "../errors";
import { evaluateDependsOn } from "./expression";
import { isLayoutField } from "./field-types";
import { errorOptions, frappeLabel, type RecordIssue, toIssue, type ValidationTarget } from "./validation-target";

/** Decides a `depends_on`-style condition for a record (and its parent, for child rows). */
export type ConditionEvaluator = (expression: string, doc: object, parent?: object) => boolean;

export interface MandatoryOptions {
  evaluate: ConditionEvaluator;
  /**
   * DELIBERATE DEVIATION (default on): Frappe v15 enforces `mandatory_depends_on` only in the
   * browser form. We also enforce it on the server, but only while the field's own
   * `depends_on` holds, i.e. when the form would show the field and ask for it.
   */
  enforceMandatoryDependsOn: boolean;
}

/** `strip_html`: drops comments and anything in <...>. */
function stripHtml(text: string): string {
  return text.replace(/<!--[\s\S]*?-->|<[^>]*>/g, "");
}

/** Frappe's `has_content`: some text besides tags (an <img> counts for Text Editor and HTML Code). */
function hasContent(field: DocField, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  const text = cstr(value);
  if (stripHtml(text).trim() !== "") return true;
  const htmlLike = field.fieldtype === "Text Editor" || (field.fieldtype === "Code" && field.options === "HTML");
  return htmlLike && text.includes("<img");
}

function isRequired(field: DocField, target: ValidationTarget, options: MandatoryOptions): boolean {
  if (field.reqd === 1) return true;
  if (!options.enforceMandatoryDependsOn || !field.mandatory_depends_on) return false;
  const parent = target.parent ?? target.doc;
  if (!options.evaluate(field.mandatory_depends_on, target.doc, parent)) return false;
  return !field.depends_on || options.evaluate(field.depends_on, target.doc, parent);
}

/** Frappe's three wordings (`_get_missing_mandatory_fields.get_msg`). */
function missingMessage(field: DocField, target: ValidationTarget): string {
  const label = frappeLabel(field);
  if (isTableField(field)) return `Error: Data missing in table: ${label}`;
  if (target.table) return `Error: ${bold(target.meta.name)} Row #${target.idx ?? 0}: Value missing for: ${label}`;
  return `Error: Value missing for ${target.meta.name}: ${label}`;
}

/**
 * `_validate_mandatory`: the missing required fields of the parent, then of every child row,
 * one MandatoryError each (Frappe shows one message per field, then raises once).
 */
export function mandatoryIssues(targets: ValidationTarget[], options: MandatoryOptions): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const target of targets) {
    for (const field of target.meta.fields) {
      if (isLayoutField(field)) continue;
      let required: boolean;
      try {
        required = isRequired(field, target, options);
      } catch (err) {
        // A broken condition in the DocType is reported, not thrown past the caller's collection.
        if (err instanceof FrappeError) {
          issues.push(toIssue(target, err, field.fieldname));
          continue;
        }
        throw err;
      }
      if (!required || hasContent(field, target.doc[field.fieldname])) continue;
      const error = new MandatoryError(missingMessage(field, target), errorOptions(target, field.fieldname));
      issues.push(toIssue(target, error, field.fieldname));
    }
  }
  return issues;
}

export const defaultEvaluator: ConditionEvaluator = (expression, doc, parent) => evaluateDependsOn(expression, doc, parent);
