import net from "node:net";
import tls from "node:tls";
import { StringDecoder } from "node:string_decoder";

/**
 * A line-oriented client socket for the text protocols' greetings and simple commands
 * (POP3 login, domain probes, the doctor's STARTTLS checks). Every wait has a deadline, and a
 * socket error rejects the pending read instead of being thrown at the process.
 */

export interface LineSocketOptions {
  host: string;
  port: number;
  /** Open with TLS at once (implicit TLS); the options come from `tlsOptionsFor`. */
  implicitTls?: tls.ConnectionOptions;
  timeoutMs: number;
}

/** A deadline error shaped like Node's own (code ETIMEDOUT), so the advice treats both alike. */
export function timeoutError(what: string, ms: number): Error & { code: string } {
  return Object.assign(new Error(`${what} timed out after ${ms} ms`), { code: "ETIMEDOUT" });
}

export class LineSocket {
  private buffer = "";
  private readonly lines: string[] = [];
  private waiter?: { resolve: (line: string) => void; reject: (err: Error) => void };
  private failure?: Error;

  private constructor(
    private socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  /** Connects (and with `implicitTls` completes the handshake) within the deadline. */
  static connect(options: LineSocketOptions): Promise<LineSocket> {
    return new Promise((resolve, reject) => {
      const { host, port, implicitTls } = options;
      const socket = implicitTls ? tls.connect({ host, port, ...implicitTls }) : net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(timeoutError(`connecting to ${host}:${port}`, options.timeoutMs));
      }, options.timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(err);
      };
      socket.once("error", fail);
      socket.once(implicitTls ? "secureConnect" : "connect", () => {
        clearTimeout(timer);
        socket.removeListener("error", fail);
        resolve(new LineSocket(socket, options.timeoutMs));
      });
    });
  }

  get tlsSocket(): tls.TLSSocket | undefined {
    return this.socket instanceof tls.TLSSocket ? this.socket : undefined;
  }

  private attach(socket: net.Socket): void {
    // Decoded here rather than with setEncoding, which would also apply to a later TLS upgrade's raw stream.
    const decoder = new StringDecoder("utf8");
    socket.on("data", (chunk: Buffer) => this.receive(decoder.write(chunk)));
    socket.on("error", (err: Error) => this.fail(err));
    socket.on("close", () => this.fail(Object.assign(new Error("the server closed the connection"), { code: "ECONNRESET" })));
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\n")) >= 0) {
      this.lines.push(this.buffer.slice(0, end).replace(/\r$/, ""));
      this.buffer = this.buffer.slice(end + 1);
    }
    this.deliver();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.deliver();
  }

  private deliver(): void {
    if (!this.waiter) return;
    const { resolve, reject } = this.waiter;
    const line = this.lines.shift();
    if (line !== undefined) {
      this.waiter = undefined;
      resolve(line);
    } else if (this.failure) {
      this.waiter = undefined;
      reject(this.failure);
    }
  }

  /** The next line from the server (without CRLF). */
  readLine(what = "the server's answer"): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(timeoutError(`waiting for ${what}`, this.timeoutMs));
      }, this.timeoutMs);
      this.waiter = {
        resolve: (line) => (clearTimeout(timer), resolve(line)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      };
      this.deliver();
    });
  }

  /** Reads lines until `isLast` says the reply is complete (SMTP's `250-` continuation lines, IMAP's untagged ones). */
  async readReply(isLast: (line: string) => boolean, what?: string): Promise<string[]> {
    const reply: string[] = [];
    for (;;) {
      const line = await this.readLine(what);
      reply.push(line);
      if (isLast(line)) return reply;
    }
  }

  /** Sends one command line. The caller never passes a secret to a log; this writes it to the socket only. */
  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** STARTTLS / STLS: wraps the connected socket in TLS once the server said go ahead. */
  upgrade(options: tls.ConnectionOptions & { host: string; port: number }): Promise<tls.TLSSocket> {
    const plain = this.socket;
    plain.removeAllListeners("data");
    plain.removeAllListeners("error");
    plain.removeAllListeners("close");
    return new Promise((resolve, reject) => {
      const secure = tls.connect({ ...options, socket: plain });
      const timer = setTimeout(() => {
        secure.destroy();
        reject(timeoutError("the TLS handshake", this.timeoutMs));
      }, this.timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        secure.destroy();
        reject(err);
      };
      secure.once("error", fail);
      secure.once("secureConnect", () => {
        clearTimeout(timer);
        secure.removeListener("error", fail);
        this.socket = secure;
        this.attach(secure);
        resolve(secure);
      });
    });
  }

  close(): void {
    this.socket.removeAllListeners("close");
    this.socket.on("error", () => undefined);
    this.socket.destroy();
  }
}
