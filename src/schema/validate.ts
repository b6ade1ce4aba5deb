import type { Doc } from "../core/doc";
import type { DocTypeMeta } from "../core/meta";
import type { FrappeError } from "../errors";
import { dataFieldIssues, nonNegativeIssues } from "./data-field-checks";
import { type ConditionEvaluator, defaultEvaluator, mandatoryIssues } from "./mandatory";
import type { MetaSource } from "./meta-source";
import { schemaIssues } from "./schema-issues";
import { type RecordIssue, validationTargets } from "./validation-target";

export interface ValidateOptions {
  /** Metas of child tables (a `getMeta(doctype)` function or a MetaRegistry). */
  getMeta?: MetaSource;
  /** Decides `mandatory_depends_on` / `depends_on`; default: the safe evaluator of expression.ts. */
  evaluate?: ConditionEvaluator;
  /**
   * DELIBERATE DEVIATION (default true): enforce `mandatory_depends_on` on the server, but only
   * while the field's `depends_on` also holds. Frappe v15 checks it only in the browser form.
   */
  enforceMandatoryDependsOn?: boolean;
  /** `flags.ignore_mandatory`: skip the mandatory step entirely. */
  ignoreMandatory?: boolean;
}

/**
 * Frappe's framework checks of `Document._validate` (frappe/model/document.py), in its order,
 * collecting instead of stopping at the first:
 *
 *   1. `_validate_mandatory`, parent and all child rows -> MandatoryError
 *   2. for the parent, then each child row:
 *      types (ours: wrong types and unknown fields -> DataError; Frappe would coerce or drop them),
 *      `_validate_data_fields` (Email / Name / Phone / URL options),
 *      `_validate_selects`, `_validate_non_negative`, `_validate_length` (CharacterLengthExceededError).
 *
 * Messages are Frappe's own, word for word. Each issue names its record; child rows by their
 * table fieldname and `idx`.
 */
export function validateRecordIssues(meta: DocTypeMeta, doc: Doc, options: ValidateOptions = {}): RecordIssue[] {
  const targets = validationTargets(meta, doc, options.getMeta);
  const issues: RecordIssue[] = [];
  if (!options.ignoreMandatory) {
    issues.push(
      ...mandatoryIssues(targets, {
        evaluate: options.evaluate ?? defaultEvaluator,
        enforceMandatoryDependsOn: options.enforceMandatoryDependsOn ?? true,
      }),
    );
  }
  for (const target of targets) {
    const fromSchema = schemaIssues(target);
    issues.push(...fromSchema.types, ...dataFieldIssues(target), ...fromSchema.selects, ...nonNegativeIssues(target), ...fromSchema.lengths);
  }
  return issues;
}

/** Every failure of the record, in Frappe's order (empty when the record is valid). */
export function validateRecord(meta: DocTypeMeta, doc: Doc, options: ValidateOptions = {}): FrappeError[] {
  return validateRecordIssues(meta, doc, options).map((issue) => issue.error);
}

/** Throws the first failure, as Frappe's `_validate` stops at it. */
export function assertValid(meta: DocTypeMeta, doc: Doc, options: ValidateOptions = {}): void {
  const [first] = validateRecordIssues(meta, doc, options);
  if (first) throw first.error;
}
