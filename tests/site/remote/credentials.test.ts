import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../../../src/errors";
import { credentialsFilePath, loadCredentials } from "../../../src/site/remote/credentials";
import { tempDir } from "../../helpers/temp-site";

const SITE = "https://erp.acme.test";

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error");
}

describe("loadCredentials", () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir("fea-cred-");
  });
  afterEach(() => dir.cleanup());

  const writeFile = (content: unknown, mode: number): string => {
    const file = path.join(dir.dir, "credentials.json");
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content), { mode });
    fs.chmodSync(file, mode);
    return file;
  };

  test("FRAPPE_API_KEY and FRAPPE_API_SECRET from the environment come first", () => {
    const file = writeFile({ api_key: "file-key", api_secret: "file-secret" }, 0o600);
    expect(loadCredentials({ env: { FRAPPE_API_KEY: "k", FRAPPE_API_SECRET: "s", FEA_CREDENTIALS_FILE: file }, siteUrl: SITE })).toEqual({ apiKey: "k", apiSecret: "s" });
  });

  test("only one of the two variables is refused", () => {
    const error = thrown(() => loadCredentials({ env: { FRAPPE_API_KEY: "k", HOME: dir.dir }, siteUrl: SITE }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe("set both FRAPPE_API_KEY and FRAPPE_API_SECRET, or neither (to use the credentials file)");
  });

  test("a private file (0600) named by FEA_CREDENTIALS_FILE is read; a per-site entry wins over the top-level pair", () => {
    const file = writeFile({ api_key: "any-key", api_secret: "any-secret", sites: { "https://erp.acme.test/": { api_key: "acme-key", api_secret: "acme-secret" } } }, 0o600);
    expect(loadCredentials({ env: { FEA_CREDENTIALS_FILE: file }, siteUrl: SITE })).toEqual({ apiKey: "acme-key", apiSecret: "acme-secret" });
    expect(loadCredentials({ env: { FEA_CREDENTIALS_FILE: file }, siteUrl: "https://other.test" })).toEqual({ apiKey: "any-key", apiSecret: "any-secret" });
  });

  test("the default file is ~/.config/frappe-email-account/credentials.json", () => {
    expect(credentialsFilePath({ HOME: "/home/ann" })).toBe("/home/ann/.config/frappe-email-account/credentials.json");
    expect(credentialsFilePath({ HOME: "/home/ann", XDG_CONFIG_HOME: "/cfg" })).toBe("/cfg/frappe-email-account/credentials.json");
    const folder = path.join(dir.dir, ".config", "frappe-email-account");
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "credentials.json"), JSON.stringify({ api_key: "k", api_secret: "s" }), { mode: 0o600 });
    expect(loadCredentials({ env: { HOME: dir.dir }, siteUrl: SITE })).toEqual({ apiKey: "k", apiSecret: "s" });
  });

  test.each([0o640, 0o644, 0o604])("a file with mode %o (readable by group or others) is refused with the chmod to run", (mode) => {
    const file = writeFile({ api_key: "k", api_secret: "the-secret" }, mode);
    const error = thrown(() => loadCredentials({ env: { FEA_CREDENTIALS_FILE: file }, siteUrl: SITE }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`the credentials file ${file} is readable by others (mode 0${mode.toString(8)}); make it private with: chmod 600 ${file}`);
    expect(error.message).not.toContain("the-secret");
  });

  test("a file that is not JSON is refused without echoing its content", () => {
    const file = writeFile("api_secret=hunter2", 0o600);
    const error = thrown(() => loadCredentials({ env: { FEA_CREDENTIALS_FILE: file }, siteUrl: SITE }));
    expect(error.message).toBe(`the credentials file ${file} is not valid JSON`);
  });

  test("a file without the pair, and no file at all, say what to set", () => {
    const file = writeFile({ api_key: "k" }, 0o600);
    expect(thrown(() => loadCredentials({ env: { FEA_CREDENTIALS_FILE: file }, siteUrl: SITE })).message).toBe(
      `the credentials file ${file} has no api_key and api_secret for ${SITE}`,
    );
    const missing = path.join(dir.dir, "none.json");
    const error = thrown(() => loadCredentials({ env: { FEA_CREDENTIALS_FILE: missing }, siteUrl: SITE }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      `no API credentials for ${SITE}: set FRAPPE_API_KEY and FRAPPE_API_SECRET, or write {"api_key": ..., "api_secret": ...} to ${missing} (chmod 600)`,
    );
  });
});
