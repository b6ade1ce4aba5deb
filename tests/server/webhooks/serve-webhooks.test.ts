import { Command } from "commander";
import fs from "node:fs";
import path from "node:path";
import { registerServe } from "../../../src/cli/commands/serve";
import { CliRuntime } from "../../../src/cli/runtime";
import { tempDir } from "../../helpers/temp-site";
import { frappeSignature, messageTexts, postWebhook, pythonJsonDumps } from "./support/frappe-webhook";

/** `serve` with the Webhook receiver wired in (the extraServeRoutes seam of src/cli/commands/serve.ts), and a `--hooks` module. */

const API = { FEA_SERVE_API_KEY: "serve-key", FEA_SERVE_API_SECRET: "serve-secret", FEA_MAIL_ENGINE: "off" };
const WEBHOOK_SECRET = "webhook-secret-never-printed";

// A developer's hooks module, plain JavaScript: it appends one line per call to a file beside it.
const HOOKS_JS = `
const fs = require("node:fs");
const path = require("node:path");
const note = (who) => (doc, event, ctx) => fs.appendFileSync(path.join(__dirname, "calls.log"), who + " " + doc.doctype + " " + doc.name + " " + event + " " + (ctx.site.kind) + "\\n");
exports.hooks = { doc_events: { "Email Account": { on_update: note("account") }, "*": { on_update: note("star") } } };
`;

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir("fea-serve-webhook-");
  fs.writeFileSync(path.join(temp.dir, "my-hooks.js"), HOOKS_JS);
});
afterEach(() => temp.cleanup());

function serveProgram(env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const cli = new CliRuntime({ stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, stdin: process.stdin, env, cwd: temp.dir });
  const program = new Command("frappe-email-account").option("--site <path>").option("--json").option("--hooks <file>").option("--verbose").exitOverride();
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  registerServe(program, cli, () => stopped);
  const run = program.parseAsync(["node", "frappe-email-account", "--site", temp.file, "--hooks", "./my-hooks.js", "--verbose", "serve", "--port", "0"], { from: "node" });
  return { run, stop, out: () => stdout, err: () => stderr };
}

async function servedUrl(read: () => string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const match = / at (http:\/\/127\.0\.0\.1:\d+) /.exec(read());
    if (match) return match[1] as string;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`serve printed no URL: ${read()}`);
}

const BODY = Buffer.from(pythonJsonDumps({ doctype: "Email Account", name: "Support", email_id: "support@example.com" }), "utf8");

test("with FEA_WEBHOOK_SECRET, a signed call runs the --hooks module's doc_events on the served site; the secret is never printed", async () => {
  const serve = serveProgram({ ...API, FEA_WEBHOOK_SECRET: WEBHOOK_SECRET });
  try {
    const url = await servedUrl(serve.out);
    const answer = await postWebhook(`${url}/api/webhook/frappe/on_update`, { body: BODY, signature: frappeSignature(WEBHOOK_SECRET, BODY) });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ message: { doctype: "Email Account", name: "Support", event: "on_update", doc_event: "on_update", handlers: 2 } });
    expect(fs.readFileSync(path.join(temp.dir, "calls.log"), "utf8")).toBe("account Email Account Support on_update local\nstar Email Account Support on_update local\n");
    const unsigned = await postWebhook(`${url}/api/webhook/frappe/on_update`, { body: BODY });
    expect(unsigned.status).toBe(401);
  } finally {
    serve.stop();
    await serve.run;
  }
  expect(serve.err()).toContain("Email Account changed on the remote site");
  expect(serve.out() + serve.err()).not.toContain(WEBHOOK_SECRET);
});

test("without FEA_WEBHOOK_SECRET, serve still runs and every webhook call is refused with 503", async () => {
  const serve = serveProgram(API);
  try {
    const url = await servedUrl(serve.out);
    const answer = await postWebhook(`${url}/api/webhook/frappe/on_update`, { body: BODY, signature: frappeSignature("guess", BODY) });
    expect(answer.status).toBe(503);
    expect(messageTexts(answer.body)[0]).toMatch(/Set FEA_WEBHOOK_SECRET/);
    expect(fs.existsSync(path.join(temp.dir, "calls.log"))).toBe(false);
    // The REST API is untouched.
    const ping = await fetch(`${url}/api/method/frappe.ping`);
    expect(await ping.json()).toEqual({ message: "pong" });
  } finally {
    serve.stop();
    await serve.run;
  }
  expect(serve.err()).toContain("webhooks refused: set FEA_WEBHOOK_SECRET");
});
