/**
 * The one catalogue of error codes. Class names match Frappe's exception names
 * (frappe/exceptions.py) so that a site's `exc_type` maps one to one; the HTTP
 * status is the one a Frappe site answers with.
 */

export interface ErrorSpec {
  /** Stable machine code, documented in the README. */
  readonly code: string;
  /** Frappe's exception class name, as a site reports it in `exc_type`. */
  readonly excType: string;
  readonly httpStatus: number;
  readonly description: string;
}

export const ERROR_CATALOGUE = {
  ValidationError: { code: "FEA_VALIDATION", excType: "ValidationError", httpStatus: 417, description: "A field rule of a controller refused the record." },
  MandatoryError: { code: "FEA_MANDATORY", excType: "MandatoryError", httpStatus: 417, description: "A required field is empty." },
  InvalidEmailAddressError: { code: "FEA_INVALID_EMAIL", excType: "InvalidEmailAddressError", httpStatus: 417, description: "A field with options Email holds something that is not an e-mail address." },
  LinkValidationError: { code: "FEA_LINK", excType: "LinkValidationError", httpStatus: 417, description: "A Link field names a record that does not exist." },
  UniqueValidationError: { code: "FEA_UNIQUE", excType: "UniqueValidationError", httpStatus: 417, description: "A unique field holds a value another record already has." },
  DuplicateEntryError: { code: "FEA_DUPLICATE", excType: "DuplicateEntryError", httpStatus: 409, description: "A record with that name already exists." },
  TimestampMismatchError: { code: "FEA_TIMESTAMP_MISMATCH", excType: "TimestampMismatchError", httpStatus: 417, description: "The record was changed after it was read (stale `modified`)." },
  DoesNotExistError: { code: "FEA_NOT_FOUND", excType: "DoesNotExistError", httpStatus: 404, description: "No record of that DocType and name." },
  PermissionError: { code: "FEA_PERMISSION", excType: "PermissionError", httpStatus: 403, description: "Not permitted." },
  AuthenticationError: { code: "FEA_AUTHENTICATION", excType: "AuthenticationError", httpStatus: 401, description: "A secret is missing or was refused (e.g. `Password not found for ...`)." },
  DataError: { code: "FEA_DATA", excType: "DataError", httpStatus: 417, description: "A query names a field or DocType that does not exist, or a value has the wrong type or size." },
  LinkExistsError: { code: "FEA_LINK_EXISTS", excType: "LinkExistsError", httpStatus: 417, description: "The record cannot be deleted because another record links to it." },
  OutgoingEmailError: { code: "FEA_OUTGOING_EMAIL", excType: "OutgoingEmailError", httpStatus: 417, description: "The outgoing (SMTP) connection test failed." },
  IncomingEmailError: { code: "FEA_INCOMING_EMAIL", excType: "ValidationError", httpStatus: 417, description: "The incoming (IMAP/POP3) connection test failed." },
  InputError: { code: "FEA_INPUT", excType: "InputError", httpStatus: 400, description: "Input could not be read: malformed JSON, a record without `doctype`, an unknown DocType." },
  ExpressionError: { code: "FEA_EXPRESSION", excType: "ExpressionError", httpStatus: 417, description: "A `depends_on` / `eval:` expression uses a form the safe evaluator does not support." },
  HookError: { code: "FEA_HOOK", excType: "HookError", httpStatus: 500, description: "A hook was registered under an unknown event name, or with something that is not a function." },
  ConfigError: { code: "FEA_CONFIG", excType: "ConfigError", httpStatus: 500, description: "The site or its key file cannot be opened or used." },
  MailNotConfiguredError: { code: "FEA_MAIL_NOT_CONFIGURED", excType: "MailNotConfiguredError", httpStatus: 501, description: "No mail engine is attached, so no connection test can run." },
  CharacterLengthExceededError: { code: "FEA_LENGTH", excType: "CharacterLengthExceededError", httpStatus: 417, description: "A value is longer than its column allows (Data 140 characters unless `length`), or an Int is out of range." },
  NonNegativeError: { code: "FEA_NEGATIVE", excType: "NonNegativeError", httpStatus: 417, description: "A number field marked `non_negative` holds a negative value." },
  InvalidPhoneNumberError: { code: "FEA_INVALID_PHONE", excType: "InvalidPhoneNumberError", httpStatus: 417, description: "A Data field with options Phone holds something that is not a phone number." },
  InvalidNameError: { code: "FEA_INVALID_NAME", excType: "InvalidNameError", httpStatus: 417, description: "A Data field with options Name holds something that is not a person's name." },
  NetworkError: { code: "FEA_NETWORK", excType: "NetworkError", httpStatus: 502, description: "The remote site could not be reached, or the connection broke before it answered." },
  TimeoutError: { code: "FEA_TIMEOUT", excType: "TimeoutError", httpStatus: 504, description: "The remote site did not answer within the request timeout." },
  TooManyRequestsError: { code: "FEA_TOO_MANY_REQUESTS", excType: "TooManyRequestsError", httpStatus: 429, description: "The remote site kept refusing requests as too many (HTTP 429) after the retries." },
  ServerError: { code: "FEA_SERVER", excType: "ServerError", httpStatus: 500, description: "The remote site failed (HTTP 5xx) or gave an answer that is not Frappe's; its status and exc_type are kept." },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERROR_CATALOGUE;

export interface FrappeErrorOptions {
  /** Frappe's message title ("Invalid Credentials", "Duplicate Name", ...). */
  title?: string;
  /** The record the error is about. */
  doctype?: string;
  docname?: string;
  /** The field the error is about. */
  field?: string;
  cause?: unknown;
}

/** Base of every error this project throws on purpose. */
export class FrappeError extends Error {
  readonly code: string;
  readonly excType: string;
  readonly httpStatus: number;
  readonly title?: string;
  readonly doctype?: string;
  readonly docname?: string;
  readonly field?: string;

  constructor(kind: ErrorName, message: string, options: FrappeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec: ErrorSpec = ERROR_CATALOGUE[kind];
    this.name = kind;
    this.code = spec.code;
    this.excType = spec.excType;
    this.httpStatus = spec.httpStatus;
    if (options.title !== undefined) this.title = options.title;
    if (options.doctype !== undefined) this.doctype = options.doctype;
    if (options.docname !== undefined) this.docname = options.docname;
    if (options.field !== undefined) this.field = options.field;
  }

  /** The `{exc_type, message}` pair the CLI and a Frappe site report. */
  toJSON(): { exc_type: string; code: string; message: string; title?: string; field?: string } {
    return {
      exc_type: this.excType,
      code: this.code,
      message: this.message,
      ...(this.title === undefined ? {} : { title: this.title }),
      ...(this.field === undefined ? {} : { field: this.field }),
    };
  }
}

/* One subclass per catalogue entry, so `instanceof MandatoryError` works as `except frappe.MandatoryError` does. */
export class ValidationError extends FrappeError {
  constructor(message: string, options?: FrappeErrorOptions, kind: ErrorName = "ValidationError") {
    super(kind, message, options);
  }
}
const validationKind = (kind: ErrorName) =>
  class extends ValidationError {
    constructor(message: string, options?: FrappeErrorOptions) {
      super(message, options, kind);
    }
  };
const plainKind = (kind: ErrorName) =>
  class extends FrappeError {
    constructor(message: string, options?: FrappeErrorOptions) {
      super(kind, message, options);
    }
  };
export class MandatoryError extends validationKind("MandatoryError") {}
export class InvalidEmailAddressError extends validationKind("InvalidEmailAddressError") {}
export class LinkValidationError extends validationKind("LinkValidationError") {}
export class UniqueValidationError extends validationKind("UniqueValidationError") {}
export class TimestampMismatchError extends validationKind("TimestampMismatchError") {}
export class DataError extends validationKind("DataError") {}
export class LinkExistsError extends validationKind("LinkExistsError") {}
export class OutgoingEmailError extends validationKind("OutgoingEmailError") {}
export class IncomingEmailError extends validationKind("IncomingEmailError") {}
export class ExpressionError extends validationKind("ExpressionError") {}
export class CharacterLengthExceededError extends validationKind("CharacterLengthExceededError") {}
export class NonNegativeError extends validationKind("NonNegativeError") {}
export class InvalidPhoneNumberError extends validationKind("InvalidPhoneNumberError") {}
export class InvalidNameError extends validationKind("InvalidNameError") {}
export class DuplicateEntryError extends plainKind("DuplicateEntryError") {}
export class DoesNotExistError extends plainKind("DoesNotExistError") {}
export class PermissionError extends plainKind("PermissionError") {}
export class AuthenticationError extends plainKind("AuthenticationError") {}
export class InputError extends plainKind("InputError") {}
export class HookError extends plainKind("HookError") {}
export class ConfigError extends plainKind("ConfigError") {}
export class MailNotConfiguredError extends plainKind("MailNotConfiguredError") {}
export class NetworkError extends plainKind("NetworkError") {}
export class TimeoutError extends plainKind("TimeoutError") {}
export class TooManyRequestsError extends plainKind("TooManyRequestsError") {}
export class ServerError extends plainKind("ServerError") {}

const ERROR_CLASSES: Record<ErrorName, new (message: string, options?: FrappeErrorOptions) => FrappeError> = {
  ValidationError,
  MandatoryError,
  InvalidEmailAddressError,
  LinkValidationError,
  UniqueValidationError,
  DuplicateEntryError,
  TimestampMismatchError,
  DoesNotExistError,
  PermissionError,
  AuthenticationError,
  DataError,
  LinkExistsError,
  OutgoingEmailError,
  IncomingEmailError,
  InputError,
  ExpressionError,
  HookError,
  ConfigError,
  MailNotConfiguredError,
  CharacterLengthExceededError,
  NonNegativeError,
  InvalidPhoneNumberError,
  InvalidNameError,
  NetworkError,
  TimeoutError,
  TooManyRequestsError,
  ServerError,
};

/** Builds the catalogue's error of that kind (e.g. from a site's `exc_type`). */
export function makeError(kind: ErrorName, message: string, options: FrappeErrorOptions = {}): FrappeError {
  return new ERROR_CLASSES[kind](message, options);
}

/** Shorthand used all over the controllers, like `frappe.throw`. */
export function frappeThrow(message: string, kind: ErrorName = "ValidationError", options: FrappeErrorOptions = {}): never {
  throw makeError(kind, message, options);
}

export function isFrappeError(err: unknown): err is FrappeError {
  return err instanceof FrappeError;
}

/** `frappe.bold`: Frappe wraps values in messages this way. */
export function bold(value: unknown): string {
  return `<strong>${String(value)}</strong>`;
}
