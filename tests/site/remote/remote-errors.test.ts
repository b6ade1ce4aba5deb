import fs from "node:fs";
import path from "node:path";
import {
  AuthenticationError,
  DataError,
  DoesNotExistError,
  DuplicateEntryError,
  type FrappeError,
  InvalidEmailAddressError,
  LinkValidationError,
  MandatoryError,
  NetworkError,
  PermissionError,
  ServerError,
  TimeoutError,
  TimestampMismatchError,
  TooManyRequestsError,
  ValidationError,
} from "../../../src/errors";
import { errorFromResponse, errorKindFor, networkError, type RequestDescription, timeoutError } from "../../../src/site/remote/remote-errors";

interface Capture {
  request: { method: string; path: string };
  response: { status: number; reason: string; body: unknown };
}

/** A response captured from a Frappe v15.55.1 site (copied from the shared reference). */
function capture(file: string): Capture {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "data", file), "utf8")) as Capture;
}

function fromCapture(file: string, extra: Partial<RequestDescription> = {}): FrappeError {
  const { request, response } = capture(file);
  return errorFromResponse(
    { status: response.status, statusText: response.reason, body: response.body },
    { method: request.method, url: `http://erp.test${request.path.split("?")[0]}`, ...extra },
  );
}

describe("errorFromResponse over bodies captured from a Frappe v15 site", () => {
  test.each([
    ["07-insert-email-account-invalid-email.json", InvalidEmailAddressError, 417, "not-an-email is not a valid Email Address"],
    ["07b-insert-email-account-missing-mandatory.json", MandatoryError, 417, "Error: Value missing for Email Account: Email Address"],
    ["07d-insert-email-account-bad-link-no-fetch.json", LinkValidationError, 417, "Could not find Append To: No Such DocType"],
    ["08-list-email-account-no-auth.json", PermissionError, 403, "User <strong>Guest</strong> does not have doctype access via role permission for document <strong>Email Account</strong>"],
    ["08c-get-email-account-no-auth.json", PermissionError, 403, "User <strong>Guest</strong> does not have doctype access via role permission for document <strong>Email Account</strong><br>User <strong>Guest</strong> does not have access to this document"],
    ["09-get-email-account-missing.json", DoesNotExistError, 404, "Email Account No Such Account not found"],
    ["10-insert-email-account-duplicate.json", DuplicateEntryError, 409, "Email Account <strong>Capture Sales</strong> already exists"],
    ["11-update-email-account-stale-modified.json", TimestampMismatchError, 417, "Error: Document has been modified after you have opened it (2026-11-27 12:01:02.612944, 2026-11-27 12:01:03.153306). Please refresh to get the latest document."],
    ["12b-get-password-not-set.json", AuthenticationError, 401, "Password not found for Email Account Capture Support password"],
    ["13d-list-email-account-bad-field.json", DataError, 417, "Field not permitted in query: no_such_field"],
    ["16f-method-not-whitelisted.json", PermissionError, 403, "<details><summary>You are not permitted to access this resource.</summary>Function <strong>frappe.get_doc</strong> is not whitelisted.</details>"],
    ["16g-method-missing.json", ValidationError, 417, "Failed to get method for command frappe.client.no_such_method with module 'frappe.client' has no attribute 'no_such_method'"],
    ["03b-insert-email-domain-unreachable.json", ValidationError, 417, "Error connecting via IMAP/POP3: [Errno 111] Connection refused"],
  ])("%s becomes %p with Frappe's text and status kept", (file, kind, status, message) => {
    const error = fromCapture(file);
    expect(error).toBeInstanceOf(kind);
    expect(error.constructor).toBe(kind);
    expect(error.message).toBe(message);
    expect(error.httpStatus).toBe(status);
    expect(error.excType).toBe((capture(file).response.body as { exc_type: string }).exc_type);
  });

  test("a message's title is kept unless it is Frappe's default 'Message'", () => {
    expect(fromCapture("10-insert-email-account-duplicate.json").title).toBe("Duplicate Name");
    expect(fromCapture("03b-insert-email-domain-unreachable.json").title).toBe("Incoming email account not correct");
    expect(fromCapture("09-get-email-account-missing.json").title).toBeUndefined();
  });

  test("a 401 with no message (bad token) says the key pair was refused and names the request", () => {
    const error = fromCapture("08b-list-email-account-bad-token.json");
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.httpStatus).toBe(401);
    expect(error.message).toBe("Authentication failed: the site refused the API key and secret (GET http://erp.test/api/resource/Email%20Account answered HTTP 401 UNAUTHORIZED)");
  });

  test("a 404 with only exc_type (DELETE of a missing record) uses the caller's Frappe text, else names the request", () => {
    const named = fromCapture("16e-delete-email-account-missing.json", { notFoundMessage: "Email Account Capture Temp not found" });
    expect(named).toBeInstanceOf(DoesNotExistError);
    expect(named.message).toBe("Email Account Capture Temp not found");
    expect(fromCapture("16e-delete-email-account-missing.json").message).toBe(
      "DELETE http://erp.test/api/resource/Email%20Account/Capture%20Temp answered HTTP 404 NOT FOUND",
    );
  });

  test("the record the request was about is kept on the error", () => {
    const error = fromCapture("09-get-email-account-missing.json", { doctype: "Email Account", docname: "No Such Account" });
    expect(error.doctype).toBe("Email Account");
    expect(error.docname).toBe("No Such Account");
  });
});

describe("errorFromResponse on bodies a site or a proxy may send", () => {
  const request: RequestDescription = { method: "POST", url: "https://erp.test/api/resource/ToDo" };
  const messages = (...entries: object[]) => JSON.stringify(entries.map((e) => JSON.stringify(e)));

  test("an unknown exc_type is chosen by status and keeps the site's name", () => {
    const error = errorFromResponse({ status: 417, body: { exc_type: "InvalidDates", _server_messages: messages({ message: "To Date cannot be before From Date" }) } }, request);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe("FEA_VALIDATION");
    expect(error.excType).toBe("InvalidDates");
    expect(error.message).toBe("To Date cannot be before From Date");
  });

  test("only the raised messages make the error when some are notes shown beside it", () => {
    const body = { exc_type: "ValidationError", _server_messages: messages({ message: "Defaults Updated" }, { message: "Refused", raise_exception: 1 }) };
    expect(errorFromResponse({ status: 417, body }, request).message).toBe("Refused");
  });

  test("several messages without a raised one are all kept, one per line (several missing fields)", () => {
    const body = { exc_type: "MandatoryError", _server_messages: messages({ message: "Error: Value missing for ToDo: A" }, { message: "Error: Value missing for ToDo: B" }) };
    expect(errorFromResponse({ status: 417, body }, request).message).toBe("Error: Value missing for ToDo: A\nError: Value missing for ToDo: B");
  });

  test("without _server_messages the text of `exception` is used, then `_error_message`", () => {
    expect(errorFromResponse({ status: 417, body: { exc_type: "ValidationError", exception: "frappe.exceptions.ValidationError: Nope" } }, request).message).toBe("Nope");
    expect(errorFromResponse({ status: 403, body: { exc_type: "PermissionError", exception: "frappe.exceptions.PermissionError", _error_message: "No permission for ToDo" } }, request).message).toBe(
      "No permission for ToDo",
    );
  });

  test("an HTML 502 page from a proxy is a ServerError naming the request, status kept", () => {
    const error = errorFromResponse({ status: 502, statusText: "Bad Gateway", body: "<html><body><h1>502 Bad Gateway</h1></body></html>" }, request, " (gave up after 4 attempts)");
    expect(error).toBeInstanceOf(ServerError);
    expect(error.httpStatus).toBe(502);
    expect(error.message).toBe("POST https://erp.test/api/resource/ToDo answered HTTP 502 Bad Gateway (gave up after 4 attempts)");
  });

  test("a plain-text 429 is a TooManyRequestsError with the text", () => {
    const error = errorFromResponse({ status: 429, statusText: "Too Many Requests", body: "Too Many Requests" }, request);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error.message).toBe("POST https://erp.test/api/resource/ToDo answered HTTP 429 Too Many Requests: Too Many Requests");
  });

  test("a redirect names its target", () => {
    const error = errorFromResponse({ status: 301, statusText: "Moved Permanently", body: "", location: "https://erp.test/" }, { method: "GET", url: "http://erp.test/api/x" });
    expect(error.message).toBe("GET http://erp.test/api/x answered HTTP 301 Moved Permanently: it redirects to https://erp.test/; use that URL");
  });

  test("errorKindFor maps our own exc_types back (a server in front of a local site) and unknown statuses to ServerError", () => {
    expect(errorKindFor("InputError", 400)).toBe("InputError");
    expect(errorKindFor("MailNotConfiguredError", 501)).toBe("MailNotConfiguredError");
    expect(errorKindFor(undefined, 400)).toBe("InputError");
    expect(errorKindFor(undefined, 500)).toBe("ServerError");
    expect(errorKindFor("toString", 418)).toBe("ServerError");
  });
});

describe("transport failures", () => {
  const request: RequestDescription = { method: "GET", url: "https://erp.test/api/resource/ToDo" };

  test("a network error names the request and the cause, and its cause holds only the transport facts", () => {
    const error = networkError({ message: "connect ECONNREFUSED 127.0.0.1:9", code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 9 }, request);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe("GET https://erp.test/api/resource/ToDo failed: connect ECONNREFUSED 127.0.0.1:9");
    expect(error.httpStatus).toBe(502);
    const cause = error.cause as Error & Record<string, unknown>;
    expect(cause).toBeInstanceOf(Error);
    expect(Object.keys(cause).sort()).toEqual(["address", "code", "port", "syscall"]);
  });

  test("a code missing from the text is added", () => {
    expect(networkError({ message: "socket hang up", code: "ECONNRESET" }, request).message).toBe("GET https://erp.test/api/resource/ToDo failed: socket hang up (ECONNRESET)");
  });

  test("a timeout says how long was waited", () => {
    const error = timeoutError(30000, request);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe("GET https://erp.test/api/resource/ToDo did not answer within 30000 ms");
    expect(error.httpStatus).toBe(504);
  });
});
