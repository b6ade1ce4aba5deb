import { PassThrough, Readable } from "node:stream";
import { InputError } from "../../src/errors";
import { readPassword } from "../../src/cli/password-input";

function sink(): { write: (text: string) => void; text: () => string } {
  let text = "";
  return { write: (chunk: string) => void (text += chunk), text: () => text };
}

/** A stand-in terminal: a stream that says it is a TTY and records raw-mode switches. */
function fakeTerminal(): PassThrough & { isTTY: boolean; setRawMode: (mode: boolean) => void; rawModes: boolean[] } {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (mode: boolean) => void; rawModes: boolean[] };
  stream.isTTY = true;
  stream.rawModes = [];
  stream.setRawMode = (mode: boolean) => void stream.rawModes.push(mode);
  return stream;
}

describe("readPassword from a pipe", () => {
  test("takes the first line only, without its line ending, and prompts nothing", async () => {
    const stderr = sink();
    await expect(readPassword(Readable.from(["pa ss\r\nsecond line\n"]), stderr, "Password: ")).resolves.toBe("pa ss");
    expect(stderr.text()).toBe("");
  });

  test("a last line without a newline counts; chunks are joined (split UTF-8 too)", async () => {
    const bytes = Buffer.from("pässwört");
    await expect(readPassword(Readable.from([bytes.subarray(0, 2), bytes.subarray(2)]), sink(), "")).resolves.toBe("pässwört");
  });

  test("empty input is refused", async () => {
    await expect(readPassword(Readable.from([]), sink(), "")).rejects.toThrow(InputError);
    await expect(readPassword(Readable.from(["\n"]), sink(), "")).rejects.toThrow(/no password given/);
  });
});

describe("readPassword from a terminal", () => {
  test("prompts on stderr, switches echo off (raw mode) and back on, and never echoes", async () => {
    const terminal = fakeTerminal();
    const stderr = sink();
    const result = readPassword(terminal, stderr, "Password for Email Account Support: ");
    terminal.write("sec");
    terminal.write("rx\u007ft\r");
    await expect(result).resolves.toBe("secrt");
    expect(terminal.rawModes).toEqual([true, false]);
    expect(stderr.text()).toBe("Password for Email Account Support: \n");
  });

  test("Ctrl-C cancels and restores the terminal", async () => {
    const terminal = fakeTerminal();
    const result = readPassword(terminal, sink(), "Password: ");
    terminal.write("abc\u0003");
    await expect(result).rejects.toThrow(new InputError("set-password cancelled"));
    expect(terminal.rawModes).toEqual([true, false]);
  });
});
