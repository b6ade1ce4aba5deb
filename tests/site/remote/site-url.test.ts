import { ConfigError } from "../../../src/errors";
import { isSiteUrl, parseSiteUrl } from "../../../src/site/remote/site-url";

describe("parseSiteUrl", () => {
  test("keeps scheme, host, port and path, without a trailing slash", () => {
    expect(parseSiteUrl("https://erp.acme.test/")).toBe("https://erp.acme.test");
    expect(parseSiteUrl(" http://127.0.0.1:8000 ")).toBe("http://127.0.0.1:8000");
    expect(parseSiteUrl("https://acme.test/erp/")).toBe("https://acme.test/erp");
  });

  test("credentials in the URL are refused without echoing them", () => {
    let error: unknown;
    try {
      parseSiteUrl("https://key:s3cret@erp.acme.test");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      "the site URL must not hold credentials (https://erp.acme.test); set FRAPPE_API_KEY and FRAPPE_API_SECRET, or use the credentials file",
    );
    expect((error as Error).message).not.toContain("s3cret");
  });

  test("other schemes, queries and non-URLs are refused", () => {
    expect(() => parseSiteUrl("ftp://erp.test")).toThrow("the site URL must start with http:// or https:// (got ftp:)");
    expect(() => parseSiteUrl("https://erp.test/?site=x")).toThrow("the site URL must not have a query or a fragment (https://erp.test/)");
    expect(() => parseSiteUrl("https://")).toThrow(ConfigError);
  });

  test("isSiteUrl tells a URL from a file path", () => {
    expect(isSiteUrl("HTTPS://erp.test")).toBe(true);
    expect(isSiteUrl("sites/a.sqlite")).toBe(false);
  });
});
