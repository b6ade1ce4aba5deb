import { StringDecoder } from "node:string_decoder";
import { InputError } from "../errors";
import type { TextSink, TextSource } from "./io";

const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const BACKSPACES = new Set(["\u007f", "\b"]);

/**
 * Collects characters until `accept` says the input is complete. Listeners are removed and the
 * stream paused afterwards, so the process can exit with stdin still open.
 */
function collect(stdin: TextSource, step: (text: string) => "more" | "done", onEnd: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const decoder = new StringDecoder("utf8");
    const finish = (err?: Error) => {
      stdin.removeListener("data", onData);
      stdin.removeListener("end", onClose);
      stdin.removeListener("close", onClose);
      stdin.removeListener("error", onError);
      stdin.pause?.();
      if (err) reject(err);
      else resolve();
    };
    const onData = (chunk: string | Buffer) => {
      try {
        if (step(typeof chunk === "string" ? chunk : decoder.write(chunk)) === "done") finish();
      } catch (err) {
        finish(err as Error);
      }
    };
    const onClose = () => {
      try {
        onEnd();
        finish();
      } catch (err) {
        finish(err as Error);
      }
    };
    const onError = (err: Error) => finish(err);
    stdin.on("data", onData);
    stdin.on("end", onClose);
    stdin.on("close", onClose);
    stdin.on("error", onError);
    stdin.resume?.();
  });
}

/** The first line of piped input (without its line ending). */
async function readFirstLine(stdin: TextSource): Promise<string> {
  let buffer = "";
  let line: string | undefined;
  await collect(
    stdin,
    (text) => {
      buffer += text;
      const end = buffer.search(/\r?\n/);
      if (end < 0) return "more";
      line = buffer.slice(0, end);
      return "done";
    },
    () => {
      line ??= buffer.replace(/\r$/, "");
    },
  );
  return line ?? "";
}

/** Reads keystrokes in raw mode, echoing nothing; Enter ends, Ctrl-C cancels. */
async function readFromTerminal(stdin: TextSource): Promise<string> {
  let typed = "";
  stdin.setRawMode?.(true);
  try {
    await collect(
      stdin,
      (text) => {
        for (const char of text) {
          if (char === "\r" || char === "\n" || char === CTRL_D) return "done";
          if (char === CTRL_C) throw new InputError("set-password cancelled");
          if (BACKSPACES.has(char)) typed = typed.slice(0, -1);
          else typed += char;
        }
        return "more";
      },
      () => undefined,
    );
  } finally {
    stdin.setRawMode?.(false);
  }
  return typed;
}

/**
 * A password from stdin, never from the command line: one line when piped; on a terminal a
 * prompt on stderr and no echo. An empty password is refused.
 */
export async function readPassword(stdin: TextSource, stderr: TextSink, prompt: string): Promise<string> {
  let password: string;
  if (stdin.isTTY) {
    stderr.write(prompt);
    try {
      password = await readFromTerminal(stdin);
    } finally {
      stderr.write("\n");
    }
  } else {
    password = await readFirstLine(stdin);
  }
  if (password === "") throw new InputError("no password given: pipe it on stdin (one line) or type it at the prompt");
  return password;
}
