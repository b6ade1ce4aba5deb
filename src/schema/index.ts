/** The schema layer: defaults, type coercion, JSON Schema/ajv compilation, validation, depends_on expressions. */
export { findPackageRoot, loadDocTypeFiles, loadMetaRegistry, packageRoot } from "./doctype-loader";
export { applyDefaults, type DefaultsOptions } from "./defaults";
export { coerceTypes, isPrivateKey, isStandardColumn, type CoerceOptions } from "./coerce";
export { compileDocType, docTypeSchema, fieldSchema, getAjv, type CompiledDocType, type JsonSchema } from "./compile";
export { assertValid, validateRecord, validateRecordIssues, type ValidateOptions } from "./validate";
export type { ConditionEvaluator } from "./mandatory";
export type { RecordIssue } from "./validation-target";
export type { MetaSource } from "./meta-source";
export {
  clearExpressionCache,
  evaluateDependsOn,
  evaluateExpression,
  parseExpression,
  type CompiledExpression,
  type ExpressionScope,
} from "./expression";
export { html2text } from "./expression-functions";
export { escapeHtml, extractEmailId, findInvalidEmail, invalidEmailMessage, splitEmails } from "./email-address";
export { columnFamily, maxTextLength, selectOptions, valueKind, type ValueKind } from "./field-types";
export { normaliseDate, normaliseDatetime, normaliseTimeText } from "./datetime-text";
