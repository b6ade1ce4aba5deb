import { DoesNotExistError, makeError, MandatoryError, NetworkError, ServerError, TimeoutError, TooManyRequestsError, ValidationError } from "../../../src/errors";
import { isSiteUnavailable, mayStillBeRunning } from "../../../src/mail/inbound/site-unavailable";
import { keepSiteFacts } from "../../../src/site/remote/remote-errors";
import { isUnsettledFailure } from "../../../src/site/remote/unsettled-failure";

/** A ServerError as the remote client makes it for an HTTP status (the status kept on the error). */
const answered = (status: number) => keepSiteFacts(new ServerError(`HTTP ${status}`), status, undefined);

const NO_VERDICT: Array<[string, Error]> = [
  ["a timeout", new TimeoutError("did not answer within 500 ms")],
  ["a broken connection", new NetworkError("socket hang up")],
  ["429 through the retries", new TooManyRequestsError("too many")],
  ["502", answered(502)],
  ["503", answered(503)],
  ["504", answered(504)],
];
const VERDICTS: Array<[string, unknown]> = [
  ["a validation error (417)", new ValidationError("refused")],
  ["a missing mandatory value", new MandatoryError("Value missing")],
  ["a missing record (404)", new DoesNotExistError("not found")],
  ["an internal server error (500)", answered(500)],
  ["a site's own exception class kept by name", keepSiteFacts(makeError("ValidationError", "x"), 417, "InvalidDates")],
  ["a plain Error (a bug, not the site)", new Error("boom")],
  ["a thrown string", "boom"],
];

describe("isSiteUnavailable (inbound) and isUnsettledFailure (remote transaction) agree", () => {
  test.each(NO_VERDICT)("%s is no verdict: the mail is fetched again, the written records are kept", (_name, error) => {
    expect(isSiteUnavailable(error)).toBe(true);
    expect(isUnsettledFailure(error)).toBe(true);
  });

  test.each(VERDICTS)("%s is a verdict: the mail becomes an Unhandled Email, the records are taken back", (_name, error) => {
    expect(isSiteUnavailable(error)).toBe(false);
    expect(isUnsettledFailure(error)).toBe(false);
  });
});

describe("mayStillBeRunning", () => {
  test("after our timeout or a gateway's 504 the write may still land; after a dropped connection or a 502 it has settled", () => {
    expect(mayStillBeRunning(new TimeoutError("late"))).toBe(true);
    expect(mayStillBeRunning(answered(504))).toBe(true);
    expect(mayStillBeRunning(new NetworkError("reset"))).toBe(false);
    expect(mayStillBeRunning(answered(502))).toBe(false);
  });
});
