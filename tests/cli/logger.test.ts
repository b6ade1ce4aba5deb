import { createCliLogger, humanLogLine } from "../../src/cli/logger";

function capture(options: { verbose: boolean; json: boolean }) {
  const lines: string[] = [];
  const log = createCliLogger({ write: (text: string) => void lines.push(text) }, options);
  return { log, lines };
}

describe("the CLI logger", () => {
  test("warns by default, info only with --verbose", () => {
    const quiet = capture({ verbose: false, json: false });
    quiet.log.info({}, "hidden");
    quiet.log.warn({ account: "Support" }, "shown");
    expect(quiet.lines).toEqual(["warn: shown (account=Support)\n"]);
    const verbose = capture({ verbose: true, json: false });
    verbose.log.info({}, "now shown");
    expect(verbose.lines).toEqual(["info: now shown\n"]);
  });

  test("never writes a password, even nested or in a child logger", () => {
    const { log, lines } = capture({ verbose: true, json: true });
    log.child({ account: "Support" }).warn({ password: "hunter2", test: { password: "hunter3" } }, "login");
    expect(lines.join("")).not.toMatch(/hunter/);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 40, account: "Support", password: "[hidden]", test: { password: "[hidden]" }, msg: "login" });
  });

  test("humanLogLine quotes values with blanks and keeps objects as JSON", () => {
    expect(humanLogLine('{"level":50,"time":1,"msg":"failed","reason":"no engine","ctx":{"a":1}}')).toBe('error: failed (reason="no engine" ctx={"a":1})\n');
    expect(humanLogLine("not json")).toBe("not json");
  });
});
