import path from "node:path";
import { ConfigError } from "../../src/errors";
import { resolveSiteTarget } from "../../src/cli/site-option";

describe("resolveSiteTarget", () => {
  test("defaults to frappe-email-account.sqlite in the working folder", () => {
    expect(resolveSiteTarget(undefined, "/work/here")).toEqual({ kind: "local", file: path.resolve("/work/here", "frappe-email-account.sqlite") });
  });

  test("a relative path resolves against the working folder, an absolute one stays", () => {
    expect(resolveSiteTarget("sites/a.sqlite", "/w").file).toBe(path.resolve("/w/sites/a.sqlite"));
    expect(resolveSiteTarget("/tmp/b.sqlite", "/w").file).toBe("/tmp/b.sqlite");
  });

  test("an http(s) URL is refused with FEA_CONFIG until the remote connector lands, without echoing credentials", () => {
    let error: unknown;
    try {
      resolveSiteTarget("https://user:secret@erp.acme.test", "/w");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe("FEA_CONFIG");
    expect((error as ConfigError).message).toMatch(/^remote sites are not supported yet/);
    expect((error as ConfigError).message).not.toContain("secret");
    expect(() => resolveSiteTarget("HTTP://erp.acme.test", "/w")).toThrow(/remote sites are not supported yet/);
  });
});
