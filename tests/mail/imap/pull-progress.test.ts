import { logProgress, TerminalProgress } from "../../../src/mail/imap/pull-progress";

describe("TerminalProgress", () => {
  test("draws done/total in place for a long folder and clears the line at the end", () => {
    let out = "";
    let clock = 0;
    const progress = new TerminalProgress({ write: (text: string) => (out += text) }, () => clock);
    progress.update({ account: "Support", folder: "INBOX", done: 0, total: 200 });
    clock += 50;
    progress.update({ account: "Support", folder: "INBOX", done: 10, total: 200 });
    clock += 200;
    progress.update({ account: "Support", folder: "INBOX", done: 120, total: 200 });
    expect(out).toBe("\r\x1b[2KSupport INBOX: 0/200\r\x1b[2KSupport INBOX: 120/200");
    progress.update({ account: "Support", folder: "INBOX", done: 200, total: 200 });
    expect(out.endsWith("Support INBOX: 200/200\r\x1b[2K")).toBe(true);
  });

  test("a short folder shows nothing", () => {
    let out = "";
    new TerminalProgress({ write: (text: string) => (out += text) }).update({ account: "A", folder: "INBOX", done: 1, total: 3 });
    expect(out).toBe("");
  });
});

describe("logProgress", () => {
  test("a log line every 100 mails and at the end", () => {
    const lines: unknown[] = [];
    const log = { debug: () => undefined, info: (obj: object) => lines.push(obj), warn: () => undefined, error: () => undefined, child: () => log };
    const report = logProgress(log);
    for (let done = 0; done <= 250; done++) report({ account: "A", folder: "INBOX", done, total: 250 });
    expect(lines).toEqual([100, 200, 250].map((done) => ({ account: "A", folder: "INBOX", done, total: 250 })));
  });
});
