/** Where the CLI reads and writes: injected, so tests run commands in-process. */

/** Anything with `write(text)`: process.stdout, a socket, a test buffer. */
export interface TextSink {
  write(text: string): unknown;
}

/** The slice of a readable stream the CLI uses to read a password. */
export interface TextSource {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
  on(event: "data", listener: (chunk: string | Buffer) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (err: Error) => void): unknown;
  removeAllListeners?(event?: string): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  pause?(): unknown;
  resume?(): unknown;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  stdin: TextSource;
  env: Record<string, string | undefined>;
  /** Relative paths (`--site`, FILE arguments, `--hooks`) resolve against this folder. */
  cwd: string;
}

/** The real process streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
