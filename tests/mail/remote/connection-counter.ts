import net from "node:net";

export interface CountingProxy {
  /** `http://127.0.0.1:<port>`: point the client here instead of at the server. */
  url: string;
  /** TCP connections the client opened so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of a server that counts the connections clients open through it: how a
 * test sees whether requests share kept-alive connections. A side that closes or breaks (a
 * server's dropped socket) takes the other side with it, so faults look the same to the client.
 */
export async function startCountingProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<CountingProxy> {
  let count = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    count += 1;
    const upstream = net.connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
