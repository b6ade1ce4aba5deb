import path from "node:path";
import { ConfigError } from "../../src/errors";
import { openSiteFromOption, resolveSiteTarget } from "../../src/cli/site-option";
import { silentLogger } from "../../src/core/logger";
import { RemoteSite } from "../../src/site/remote";
import { createHookRegistry } from "../../hooks";

describe("resolveSiteTarget", () => {
  test("defaults to frappe-email-account.sqlite in the working folder", () => {
    expect(resolveSiteTarget(undefined, "/work/here")).toEqual({ kind: "local", file: path.resolve("/work/here", "frappe-email-account.sqlite") });
  });

  test("a relative path resolves against the working folder, an absolute one stays", () => {
    expect(resolveSiteTarget("sites/a.sqlite", "/w")).toEqual({ kind: "local", file: path.resolve("/w/sites/a.sqlite") });
    expect(resolveSiteTarget("/tmp/b.sqlite", "/w")).toEqual({ kind: "local", file: "/tmp/b.sqlite" });
  });

  test("an http(s) URL names a remote site, normalised", () => {
    expect(resolveSiteTarget("https://erp.acme.test/", "/w")).toEqual({ kind: "remote", url: "https://erp.acme.test" });
    expect(resolveSiteTarget("HTTP://erp.acme.test:8000", "/w")).toEqual({ kind: "remote", url: "http://erp.acme.test:8000" });
  });

  test("without --site, FRAPPE_URL names the site; --site wins over it", () => {
    expect(resolveSiteTarget(undefined, "/w", { FRAPPE_URL: "https://erp.acme.test" })).toEqual({ kind: "remote", url: "https://erp.acme.test" });
    expect(resolveSiteTarget("a.sqlite", "/w", { FRAPPE_URL: "https://erp.acme.test" })).toEqual({ kind: "local", file: path.resolve("/w/a.sqlite") });
    expect(() => resolveSiteTarget(undefined, "/w", { FRAPPE_URL: "erp.acme.test" })).toThrow("FRAPPE_URL must be the http:// or https:// URL of a Frappe site");
  });

  test("a URL holding credentials is refused with FEA_CONFIG, without echoing them", () => {
    let error: unknown;
    try {
      resolveSiteTarget("https://user:secret@erp.acme.test", "/w");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe("FEA_CONFIG");
    expect((error as ConfigError).message).toMatch(/^the site URL must not hold credentials/);
    expect((error as ConfigError).message).not.toContain("secret@");
    expect((error as ConfigError).message).not.toContain(":secret");
  });
});

describe("openSiteFromOption with a URL", () => {
  const base = { cwd: "/w", hooks: createHookRegistry(), log: silentLogger };

  test("opens a RemoteSite labelled with the URL, credentials from the environment", async () => {
    const site = openSiteFromOption({ ...base, site: "https://erp.acme.test/", env: { FRAPPE_API_KEY: "k", FRAPPE_API_SECRET: "s" } });
    try {
      expect(site).toBeInstanceOf(RemoteSite);
      expect(site.kind).toBe("remote");
      expect(site.label).toBe("https://erp.acme.test");
    } finally {
      await site.close();
    }
  });

  test("no credentials anywhere is a ConfigError saying what to set", () => {
    expect(() => openSiteFromOption({ ...base, site: "https://erp.acme.test", env: { FEA_CREDENTIALS_FILE: "/nonexistent/credentials.json" } })).toThrow(
      /^no API credentials for https:\/\/erp\.acme\.test: set FRAPPE_API_KEY and FRAPPE_API_SECRET/,
    );
  });

  test("--hooks with a remote site is refused: the site runs its own apps' hooks", () => {
    expect(() => openSiteFromOption({ ...base, site: "https://erp.acme.test", env: { FRAPPE_API_KEY: "k", FRAPPE_API_SECRET: "s" }, hooksOption: "./h.js" })).toThrow(
      "--hooks works with a local site only",
    );
  });
});
