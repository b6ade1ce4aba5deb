import { ERROR_CATALOGUE, type ErrorName, FrappeError, makeError, MandatoryError, ValidationError } from "../src/errors";

/** The error-code catalogue is public API: codes and statuses change only on purpose, with the README. */
const PINNED: Record<ErrorName, [code: string, excType: string, httpStatus: number]> = {
  ValidationError: ["FEA_VALIDATION", "ValidationError", 417],
  MandatoryError: ["FEA_MANDATORY", "MandatoryError", 417],
  InvalidEmailAddressError: ["FEA_INVALID_EMAIL", "InvalidEmailAddressError", 417],
  LinkValidationError: ["FEA_LINK", "LinkValidationError", 417],
  UniqueValidationError: ["FEA_UNIQUE", "UniqueValidationError", 417],
  DuplicateEntryError: ["FEA_DUPLICATE", "DuplicateEntryError", 409],
  TimestampMismatchError: ["FEA_TIMESTAMP_MISMATCH", "TimestampMismatchError", 417],
  DoesNotExistError: ["FEA_NOT_FOUND", "DoesNotExistError", 404],
  PermissionError: ["FEA_PERMISSION", "PermissionError", 403],
  AuthenticationError: ["FEA_AUTHENTICATION", "AuthenticationError", 401],
  DataError: ["FEA_DATA", "DataError", 417],
  LinkExistsError: ["FEA_LINK_EXISTS", "LinkExistsError", 417],
  OutgoingEmailError: ["FEA_OUTGOING_EMAIL", "OutgoingEmailError", 417],
  IncomingEmailError: ["FEA_INCOMING_EMAIL", "ValidationError", 417],
  InputError: ["FEA_INPUT", "InputError", 400],
  ExpressionError: ["FEA_EXPRESSION", "ExpressionError", 417],
  HookError: ["FEA_HOOK", "HookError", 500],
  ConfigError: ["FEA_CONFIG", "ConfigError", 500],
  MailNotConfiguredError: ["FEA_MAIL_NOT_CONFIGURED", "MailNotConfiguredError", 501],
  CharacterLengthExceededError: ["FEA_LENGTH", "CharacterLengthExceededError", 417],
  NonNegativeError: ["FEA_NEGATIVE", "NonNegativeError", 417],
  InvalidPhoneNumberError: ["FEA_INVALID_PHONE", "InvalidPhoneNumberError", 417],
  InvalidNameError: ["FEA_INVALID_NAME", "InvalidNameError", 417],
  NetworkError: ["FEA_NETWORK", "NetworkError", 502],
  TimeoutError: ["FEA_TIMEOUT", "TimeoutError", 504],
  TooManyRequestsError: ["FEA_TOO_MANY_REQUESTS", "TooManyRequestsError", 429],
  ServerError: ["FEA_SERVER", "ServerError", 500],
};

describe("error catalogue", () => {
  test("every entry has the pinned code, Frappe exc_type and HTTP status", () => {
    const actual = Object.fromEntries(
      Object.entries(ERROR_CATALOGUE).map(([name, spec]) => [name, [spec.code, spec.excType, spec.httpStatus]]),
    );
    expect(actual).toEqual(PINNED);
  });

  test("codes are unique", () => {
    const codes = Object.values(ERROR_CATALOGUE).map((spec) => spec.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test.each(Object.keys(PINNED) as ErrorName[])("makeError(%s) builds that class with its code", (name) => {
    const err = makeError(name, "boom", { title: "T", field: "email_id" });
    expect(err).toBeInstanceOf(FrappeError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe(name);
    expect(err.code).toBe(PINNED[name][0]);
    expect(err.toJSON()).toEqual({ exc_type: PINNED[name][1], code: PINNED[name][0], message: "boom", title: "T", field: "email_id" });
  });

  test("Frappe's hierarchy holds: a MandatoryError is a ValidationError", () => {
    expect(new MandatoryError("x")).toBeInstanceOf(ValidationError);
  });
});
