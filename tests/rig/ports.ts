import fs from "node:fs";
import net from "node:net";

/**
 * n distinct ports that are free on 127.0.0.1 right now: all are held open together (so none repeats), then
 * released for the servers to take, which keeps two runs on one machine from colliding on fixed numbers.
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => listenOnAnyPort()));
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function listenOnAnyPort(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/**
 * Resolves once each port has a listening socket that belongs to one of `pids` (the servers' masters hold their
 * listeners). A port found free can be taken by another program before our server binds it; connecting alone
 * would then reach the wrong server. Rejects, saying "address already in use", when a port stays someone
 * else's or a server died.
 */
export async function waitForOwnListeners(ports: number[], pids: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ours = socketInodesOf(pids);
    const listening = listeningInodes();
    const missing = ports.filter((port) => !(listening.get(port) ?? []).some((inode) => ours.has(inode)));
    if (missing.length === 0) return;
    const dead = pids.filter((pid) => !fs.existsSync(`/proc/${pid}`));
    if (dead.length > 0 || Date.now() > deadline) {
      const taken = missing.filter((port) => listening.has(port));
      const why = taken.length > 0 ? `address already in use: ports ${taken.join(", ")} belong to another program` : `ports ${missing.join(", ")} not listening`;
      throw new Error(`${why}${dead.length > 0 ? ` (server pid ${dead.join(", ")} exited)` : ` after ${timeoutMs} ms`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** port -> inodes of the LISTEN sockets on 127.0.0.1 or any address, from /proc/net/tcp. */
function listeningInodes(): Map<number, string[]> {
  const byPort = new Map<number, string[]>();
  for (const line of fs.readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [address, portHex] = (fields[1] ?? "").split(":");
    if (fields[3] !== "0A" || (address !== "0100007F" && address !== "00000000") || !portHex) continue;
    const port = Number.parseInt(portHex, 16);
    byPort.set(port, [...(byPort.get(port) ?? []), fields[9] ?? ""]);
  }
  return byPort;
}

function socketInodesOf(pids: number[]): Set<string> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match?.[1]) inodes.add(match[1]);
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return inodes;
}
