import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../../../src/errors";
import { trustFromEnvironment } from "../../../src/mail/connect/trust-from-env";
import { tempDir } from "../../helpers/temp-site";

describe("trustFromEnvironment", () => {
  test("reads the CA file NODE_EXTRA_CA_CERTS names; nothing when unset", () => {
    const temp = tempDir();
    try {
      const file = path.join(temp.dir, "ca.pem");
      fs.writeFileSync(file, "PEM");
      expect(trustFromEnvironment({ NODE_EXTRA_CA_CERTS: file })).toEqual({ ca: "PEM" });
      expect(trustFromEnvironment({})).toEqual({});
    } finally {
      temp.cleanup();
    }
  });

  test("an unreadable file is a ConfigError naming it", () => {
    expect(() => trustFromEnvironment({ NODE_EXTRA_CA_CERTS: "/nonexistent/ca.pem" })).toThrow(ConfigError);
    expect(() => trustFromEnvironment({ NODE_EXTRA_CA_CERTS: "/nonexistent/ca.pem" })).toThrow(/NODE_EXTRA_CA_CERTS names \/nonexistent\/ca\.pem, which cannot be read/);
  });
});
