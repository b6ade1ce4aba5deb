import { Command } from "commander";
import { registerServe } from "../../src/cli/commands/serve";
import { CliRuntime } from "../../src/cli/runtime";
import { runCli } from "../cli/run-cli";
import { tempDir } from "../helpers/temp-site";

/** `frappe-email-account serve` (src/cli/commands/serve.ts): the local site over the REST API until stopped. */
const KEY = "serve-key";
const SECRET = "serve-secret-never-printed";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.cleanup());

/** The program's global options and the serve command, with a stop signal the test controls. */
function serveProgram(env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const cli = new CliRuntime({ stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, stdin: process.stdin, env, cwd: temp.dir });
  const program = new Command("frappe-email-account").option("--site <path>").option("--json").option("--hooks <file>").option("--verbose").exitOverride();
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  registerServe(program, cli, () => stopped);
  return { program, stop, out: () => stdout, err: () => stderr };
}

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 200; i++) {
    const match = pattern.exec(read());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${pattern} in: ${read()}`);
}

test("serves the site until stopped, prints the URL and the key, never the secret", async () => {
  const { program, stop, out, err } = serveProgram({ FEA_SERVE_API_KEY: KEY, FEA_SERVE_API_SECRET: SECRET });
  const run = program.parseAsync(["node", "frappe-email-account", "--site", temp.file, "serve", "--port", "0"], { from: "node" });
  const [, url] = await waitFor(out, /at (http:\/\/127\.0\.0\.1:\d+) \(API key serve-key\)/);
  const answer = await fetch(`${url}/api/method/frappe.auth.get_logged_user`, { headers: { Authorization: `token ${KEY}:${SECRET}` } });
  expect(await answer.json()).toEqual({ message: "Administrator" });
  const refused = await fetch(`${url}/api/resource/Email%20Account`, { headers: { Authorization: `token ${KEY}:wrong` } });
  expect(refused.status).toBe(401);
  stop();
  await run;
  await expect(fetch(`${url}/api/method/frappe.ping`)).rejects.toThrow();
  expect(out() + err()).not.toContain(SECRET);
});

test("--json prints the URL as JSON", async () => {
  const { program, stop, out } = serveProgram({ FEA_SERVE_API_KEY: KEY, FEA_SERVE_API_SECRET: SECRET });
  const run = program.parseAsync(["node", "frappe-email-account", "--site", temp.file, "--json", "serve", "--port", "0", "--host", "127.0.0.1"], { from: "node" });
  await waitFor(out, /\}\n$/);
  const printed = JSON.parse(out()) as { url: string; api_key: string };
  expect(printed).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), api_key: KEY, site: temp.file });
  expect(await (await fetch(`${printed.url}/api/method/frappe.ping`)).json()).toEqual({ message: "pong" });
  stop();
  await run;
});

test("without FEA_SERVE_API_KEY / FEA_SERVE_API_SECRET: exit 1 with a ConfigError, nothing served", async () => {
  const run = await runCli(["--site", temp.file, "serve"], { cwd: temp.dir, env: { FEA_SERVE_API_KEY: KEY } });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^error: ConfigError: serve needs an API key and secret: set FEA_SERVE_API_KEY and FEA_SERVE_API_SECRET/);
  expect(run.stdout).toBe("");
});

test("--port refuses what is not a port", async () => {
  const run = await runCli(["--site", temp.file, "serve", "--port", "70000"], { cwd: temp.dir, env: { FEA_SERVE_API_KEY: KEY, FEA_SERVE_API_SECRET: SECRET } });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('--port must be a port number from 0 to 65535, got "70000"');
});
