import { bold, InvalidEmailAddressError, InvalidNameError, InvalidPhoneNumberError, NonNegativeError, ValidationError } from "../errors";
import { findInvalidEmail, invalidEmailMessage, splitEmails } from "./email-address";
import { errorOptions, frappeLabel, type RecordIssue, toIssue, type ValidationTarget } from "./validation-target";

/**
 * Frappe's `_validate_data_fields` (Data fields with options Email, Name, Phone, URL) and
 * `_validate_non_negative`, for one record. Phone *fieldtype* fields are not checked: Frappe
 * uses the phonenumbers library for them, which we do not carry.
 */

/** Frappe's `STANDARD_USERS`: an Email field may hold these names on records they own. */
const STANDARD_USERS = new Set(["Guest", "Administrator"]);
/** `PHONE_NUMBER_PATTERN` (anchored at the start by Python's re.match). */
const PHONE_NUMBER = /^([0-9 +_\-,.*#()]){1,20}$/;
/** `PERSON_NAME_PATTERN` with Python's Unicode `\w`. */
const PERSON_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_'-]*( [\p{L}\p{N}_][\p{L}\p{N}_'-]*)*$/u;
/** `urlparse(...).netloc` is non-empty: `//host` after an optional scheme. */
const URL_WITH_HOST = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/[^/?#]/;

export function dataFieldIssues(target: ValidationTarget): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const doc = target.doc;
  for (const field of target.meta.fields) {
    if (field.fieldtype !== "Data") continue;
    const old = field.oldfieldtype;
    if (typeof old === "string" && old !== "" && old !== "Data") continue;
    const value = doc[field.fieldname];
    if (typeof value !== "string" || value === "") continue;
    const options = errorOptions(target, field.fieldname);
    const add = (error: ValidationError) => issues.push(toIssue(target, error, field.fieldname));

    if (field.options === "Email") {
      if (typeof doc.owner === "string" && STANDARD_USERS.has(doc.owner) && STANDARD_USERS.has(value)) continue;
      for (const address of splitEmails(value)) {
        const bad = findInvalidEmail(address);
        if (bad !== undefined) {
          add(new InvalidEmailAddressError(invalidEmailMessage(bad), options));
          break;
        }
      }
    } else if (field.options === "Name") {
      const name = value.trim();
      if (name !== "" && !PERSON_NAME.test(name)) add(new InvalidNameError(`${name} is not a valid Name`, options));
    } else if (field.options === "Phone") {
      const phone = value.trim();
      if (phone !== "" && !PHONE_NUMBER.test(phone)) add(new InvalidPhoneNumberError(`${phone} is not a valid Phone Number`, options));
    } else if (field.options === "URL") {
      if (!URL_WITH_HOST.test(value) && !value.startsWith("/")) add(new ValidationError(`'${bold(value)}' is not a valid URL`, options));
    }
  }
  return issues;
}

const NON_NEGATIVE_TYPES = new Set(["Int", "Float", "Currency"]);

export function nonNegativeIssues(target: ValidationTarget): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const field of target.meta.fields) {
    if (field.non_negative !== 1 || !NON_NEGATIVE_TYPES.has(field.fieldtype)) continue;
    const value = target.doc[field.fieldname];
    const n = typeof value === "number" ? value : Number.parseFloat(String(value ?? ""));
    if (!(n < 0)) continue;
    const label = bold(frappeLabel(field));
    const message = target.table
      ? `${bold(target.meta.name)} Row #${target.idx ?? 0}: Value cannot be negative for ${label}`
      : `Value cannot be negative for ${target.meta.name}: ${label}`;
    issues.push(toIssue(target, new NonNegativeError(message, errorOptions(target, field.fieldname, "Negative Value")), field.fieldname));
  }
  return issues;
}
