import { Readable } from "node:stream";
import type { Doc } from "../../src/core/doc";
import { main } from "../../src/cli/main";
import type { TextSource } from "../../src/cli/io";
import { openLocalSite } from "../../src/open-site";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Piped stdin holding `text` (no TTY). */
export function stdinWith(text: string): TextSource {
  return Readable.from([text]);
}

/** Runs the CLI in-process with captured streams; `args` are what a user types after the program name. */
export async function runCli(args: string[], options: { cwd: string; stdin?: TextSource; env?: Record<string, string | undefined> }): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "frappe-email-account", ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: options.stdin ?? stdinWith(""),
    // No mail engine unless a test asks for one (FEA_MAIL_ENGINE: "on"): the made-up hosts here must not be dialled.
    env: { FEA_MAIL_ENGINE: "off", ...options.env },
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}

/** Parses stdout as JSON (fails the test with the output when it is not). */
export function jsonOf(run: CliRun): unknown {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`stdout is not JSON:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** Every record of these DocTypes, read back in full: to prove a failed command changed nothing. */
export async function snapshot(file: string, doctypes: string[] = ["Email Domain", "Email Account", "Issue", "Lead"]): Promise<Record<string, Doc[]>> {
  const site = openLocalSite({ file });
  try {
    const result: Record<string, Doc[]> = {};
    for (const doctype of doctypes) {
      const names = await site.getList(doctype, { fields: ["name"], orderBy: "name asc", limit: 0 });
      result[doctype] = [];
      for (const row of names) result[doctype].push(await site.get(doctype, String(row.name)));
    }
    return result;
  } finally {
    await site.close();
  }
}

/** stderr without log lines (`warn: ...`, `info: ...`) and site notes (`note: ...`): what is left is the error. */
export function errorOutput(run: CliRun): string {
  return run.stderr
    .split("\n")
    .filter((line) => line !== "" && !/^(warn|info|note): /.test(line))
    .map((line) => `${line}\n`)
    .join("");
}
