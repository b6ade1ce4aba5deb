import net from "node:net";

/**
 * Dovecot counts a 127.0.0.1 -> 127.0.0.1 connection as "secured", so it never refuses plaintext login on
 * loopback. This shim listens on its own port and forwards to Dovecot's `haproxy = yes` listener behind a PROXY
 * v1 header that claims a remote client: Dovecot then treats the connection as insecure, advertises
 * LOGINDISABLED and refuses LOGIN without TLS. STARTTLS through the shim still works.
 */
export interface ProxyShimOptions {
  /** Dovecot's haproxy listener on 127.0.0.1. */
  targetPort: number;
  /** The client address announced to Dovecot; TEST-NET-1 (RFC 5737), never a real host. */
  claimedAddress?: string;
  /**
   * Remove LOGINDISABLED from the capabilities the client sees, so a client that honours it (imapflow) sends
   * LOGIN anyway and gets `NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS)
   * connections.` from the server itself.
   */
  stripLoginDisabled?: boolean;
}

export interface ProxyShim {
  port: number;
  close(): Promise<void>;
}

export function startProxyShim(options: ProxyShimOptions): Promise<ProxyShim> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: "127.0.0.1", port: options.targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    upstream.write(proxyHeader(options.claimedAddress ?? "192.0.2.10", client.remotePort ?? 0, options.targetPort));
    if (!options.stripLoginDisabled) {
      client.pipe(upstream);
      upstream.pipe(client);
      return;
    }
    const filter = new CapabilityFilter();
    client.on("data", (chunk: Buffer) => {
      filter.watchClient(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => client.write(filter.fromServer(chunk)));
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function proxyHeader(claimedAddress: string, sourcePort: number, targetPort: number): string {
  return `PROXY TCP4 ${claimedAddress} 127.0.0.1 ${sourcePort} ${targetPort}\r\n`;
}

/**
 * Rewrites the server's capability lines until the connection turns into TLS (the tagged answer to the client's
 * STARTTLS); after that, bytes pass untouched. Works on latin1 strings so every byte round-trips exactly.
 */
class CapabilityFilter {
  private clientLine = "";
  private serverLine = "";
  private startTlsTag: string | undefined;
  private raw = false;

  watchClient(chunk: Buffer): void {
    if (this.startTlsTag !== undefined) return;
    this.clientLine += chunk.toString("latin1");
    let end: number;
    while ((end = this.clientLine.indexOf("\r\n")) >= 0) {
      const match = /^(\S+) STARTTLS$/i.exec(this.clientLine.slice(0, end));
      this.clientLine = this.clientLine.slice(end + 2);
      if (match) this.startTlsTag = match[1];
    }
  }

  fromServer(chunk: Buffer): Buffer {
    if (this.raw) return chunk;
    this.serverLine += chunk.toString("latin1");
    let out = "";
    let end: number;
    while (!this.raw && (end = this.serverLine.indexOf("\r\n")) >= 0) {
      const line = this.serverLine.slice(0, end);
      this.serverLine = this.serverLine.slice(end + 2);
      out += `${/CAPABILITY/i.test(line) ? line.replace(/ LOGINDISABLED(?=[\] ]|$)/gi, "") : line}\r\n`;
      if (this.startTlsTag !== undefined && line.startsWith(`${this.startTlsTag} `)) this.raw = true;
    }
    if (this.raw) {
      out += this.serverLine;
      this.serverLine = "";
    }
    return Buffer.from(out, "latin1");
  }
}
