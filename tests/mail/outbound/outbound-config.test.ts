import { resolveOutboundConfig } from "../../../src/mail/outbound/outbound-config";
import { ConfigError } from "../../../src/errors";

describe("resolveOutboundConfig", () => {
  it("defaults: the site host from FEA_SITE_HOST, the URL from it, Frappe's retry limit", () => {
    expect(resolveOutboundConfig({}, {})).toMatchObject({ siteHost: "frappe-email-account.local", siteUrl: "https://frappe-email-account.local", retryLimit: 3 });
    const fromEnv = resolveOutboundConfig({}, { FEA_SITE_HOST: "erp.example.test", FEA_SITE_SECRET: "x", FEA_SITE_URL: "http://erp.example.test:8000/" });
    expect(fromEnv).toMatchObject({ siteHost: "erp.example.test", siteUrl: "http://erp.example.test:8000", secret: "x" });
  });

  it("refuses a host or URL that could break a header", () => {
    expect(() => resolveOutboundConfig({ siteHost: "bad host\r\nX: y" }, {})).toThrow(ConfigError);
    expect(() => resolveOutboundConfig({ siteUrl: "javascript:alert(1)" }, {})).toThrow(ConfigError);
  });
});
