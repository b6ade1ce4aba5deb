import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderTemplate } from "./render";

describe("renderTemplate", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fea-render-test-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fills every placeholder of the Postfix master.cf template with the run's ports", () => {
    const target = path.join(dir, "master.cf");
    renderTemplate("postfix/master.cf.template", target, { SMTP_PORT: 1025, SUBMISSION_PORT: 1587, SMTPS_PORT: 1465 });
    const text = fs.readFileSync(target, "utf8");
    expect(text).toMatch(/^127\.0\.0\.1:1587 +inet/m);
    expect(text).not.toContain("{{");
  });

  it("refuses a template placeholder that has no value, naming it", () => {
    expect(() => renderTemplate("postfix/master.cf.template", path.join(dir, "x"), { SMTP_PORT: 1 })).toThrow(
      "postfix/master.cf.template: no value for {{SUBMISSION_PORT}}",
    );
  });
});
