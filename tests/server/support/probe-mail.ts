import net from "node:net";
import { notConfiguredMail, type MailContext } from "../../../src/core/mail-context";

/**
 * A mail context whose domain probe really connects (as Frappe's Email Domain validate does: connect,
 * read the greeting, LOGOUT / QUIT, no login). Login tests answer "not configured": the captured
 * accounts have incoming and outgoing off. The real engine lives in src/mail/; this stands in for
 * its probe so the replay needs no mail server.
 */
function greet(host: string, port: number, bye: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(5_000, () => socket.destroy(new Error("timed out")));
    socket.once("error", reject);
    socket.once("data", () => {
      socket.end(bye);
      resolve();
    });
  });
}

export const probingMail: MailContext = {
  ...notConfiguredMail,
  async probeDomain(probe) {
    await greet(probe.incoming.host, probe.incoming.port, "a1 LOGOUT\r\n");
    try {
      await greet(probe.outgoing.host, probe.outgoing.port, "QUIT\r\n");
    } catch (err) {
      throw Object.assign(err instanceof Error ? err : new Error(String(err)), { side: "outgoing" });
    }
    return { status: "ok" };
  },
};

/** A greeter like the capture's stub: an IMAP "* OK" or SMTP "220" line, then it waits for the client to leave. */
export async function startGreeter(greeting: string): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.write(`${greeting}\r\n`);
    socket.on("data", () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
