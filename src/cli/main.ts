import { Command, CommanderError } from "commander";
import { InputError } from "../errors";
import { registerDelete } from "./commands/delete";
import { registerDiff } from "./commands/diff";
import { registerDoctor } from "./commands/doctor";
import { registerGet } from "./commands/get";
import { registerInsert } from "./commands/insert";
import { registerList } from "./commands/list";
import { registerPull } from "./commands/pull";
import { registerPush } from "./commands/push";
import { registerSeed } from "./commands/seed";
import { registerServe } from "./commands/serve";
import { registerSetPassword } from "./commands/set-password";
import { registerStart } from "./commands/start";
import { registerStatus } from "./commands/status";
import { registerSync } from "./commands/sync";
import { registerValidate } from "./commands/validate";
import { type CliIo, processIo } from "./io";
import { errorLine, errorReport, oneLine, writeLine } from "./output";
import { CliRuntime } from "./runtime";

const COMMANDS = [registerStart, registerStatus, registerSeed, registerValidate, registerList, registerGet, registerInsert, registerDelete, registerSetPassword, registerSync, registerDoctor, registerServe, registerPull, registerPush, registerDiff];

/** The program with its global options; output goes to the injected streams, and it never calls process.exit. */
export function buildProgram(cli: CliRuntime): Command {
  const program = new Command("frappe-email-account");
  program
    .description("Frappe-compatible Email Accounts on an embedded SQLite site")
    .option("--site <path|url>", "site file (default: frappe-email-account.sqlite in the working folder)")
    .option("--json", "machine-readable output (errors too, on stderr)")
    .option("--hooks <file>", "a JavaScript module exporting `hooks` (doc_events, scheduler_events) or a default export")
    .option("--verbose", "log at level info on stderr (default: warnings only)")
    .showHelpAfterError(false)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => cli.io.stdout.write(text),
      writeErr: (text) => cli.io.stderr.write(text),
      // Parse errors are reported by main() in the same one-line form as every other error.
      outputError: () => undefined,
    })
    .exitOverride();
  for (const register of COMMANDS) register(program, cli);
  return program;
}

/** Commander's "error: unknown option '--x'" as our InputError. */
function fromCommander(err: CommanderError): InputError {
  return new InputError(err.message.replace(/^error:\s*/i, ""));
}

function reportError(io: CliIo, err: unknown, json: boolean): void {
  if (json) writeLine(io.stderr, JSON.stringify({ ...errorReport(err), message: oneLine(errorReport(err).message) }));
  else writeLine(io.stderr, errorLine(err));
}

/** Runs the CLI; resolves to the exit code (0 success, 1 any failure). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const cli = new CliRuntime(io);
  const program = buildProgram(cli);
  try {
    await program.parseAsync(argv, { from: "node" });
    return cli.exitCode;
  } catch (err) {
    const json = program.opts().json === true || argv.slice(2).includes("--json");
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      if (err.exitCode === 0) return 0;
      if (err.code === "commander.help" || err.code === "commander.helpDisplayed") return err.exitCode;
      reportError(io, fromCommander(err), json);
      return 1;
    }
    reportError(io, err, json);
    return 1;
  }
}
