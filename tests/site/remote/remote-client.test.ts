import http from "node:http";
import type { AddressInfo } from "node:net";
import { ServerError } from "../../../src/errors";
import { loadMetaRegistry } from "../../../src/schema/doctype-loader";
import { RemoteClient, RemoteSite } from "../../../src/site/remote";

/**
 * Transport details of the client, against a bare HTTP server that records what it receives
 * (the Frappe-compatible server cannot show connections or raw headers).
 */
interface Recorded {
  connections: number;
  requests: Array<{ method: string; url: string; authorization?: string }>;
}

async function bareServer(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ url: string; recorded: Recorded; close(): Promise<void> }> {
  const recorded: Recorded = { connections: 0, requests: [] };
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    recorded.requests.push({ method: String(req.method), url: String(req.url), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    req.resume();
    req.on("end", () => answer(req, res));
  });
  server.on("connection", () => recorded.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
};

const meta = loadMetaRegistry();
const credentials = { apiKey: "key1", apiSecret: "secret1" };

test("requests share one kept-alive connection and each carries `Authorization: token key:secret`", async () => {
  const server = await bareServer((_req, res) => json(res, 200, { message: 7 }));
  const site = new RemoteSite({ url: server.url, credentials, meta });
  try {
    for (let i = 0; i < 10; i++) expect(await site.count("ToDo")).toBe(7);
    expect(server.recorded.connections).toBe(1);
    expect(server.recorded.requests).toHaveLength(10);
    expect(server.recorded.requests.every((r) => r.authorization === "token key1:secret1")).toBe(true);
    expect(server.recorded.requests[0]?.url).toMatch(/^\/api\/method\/frappe\.client\.get_count\?doctype=ToDo/);
  } finally {
    await site.close();
    await server.close();
  }
});

test("the default deadline is 30 s per attempt", () => {
  const client = new RemoteClient({ url: "http://127.0.0.1:1/", credentials });
  expect(client.timeoutMs).toBe(30_000);
  expect(client.url).toBe("http://127.0.0.1:1");
  client.close();
});

test("a 200 answer that is not Frappe's JSON (a login page) is a ServerError, not undefined", async () => {
  const server = await bareServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end("<html>login</html>");
  });
  const site = new RemoteSite({ url: server.url, credentials, meta });
  try {
    await expect(site.get("ToDo", "x")).rejects.toThrow(ServerError);
    await expect(site.count("ToDo")).rejects.toThrow(`GET ${server.url}/api/method/frappe.client.get_count answered something that is not Frappe's JSON (is the URL a Frappe site?)`);
  } finally {
    await site.close();
    await server.close();
  }
});

test("a redirect is not followed (a POST would turn into a GET): the error names where it points", async () => {
  const server = await bareServer((_req, res) => {
    res.writeHead(301, { Location: "https://erp.acme.test/api/resource/ToDo", "Content-Length": 0 });
    res.end();
  });
  const site = new RemoteSite({ url: server.url, credentials, meta });
  try {
    await expect(site.insert({ doctype: "ToDo", description: "x" })).rejects.toThrow(
      `POST ${server.url}/api/resource/ToDo answered HTTP 301 Moved Permanently: it redirects to https://erp.acme.test/api/resource/ToDo; use that URL`,
    );
    expect(server.recorded.requests).toHaveLength(1);
  } finally {
    await site.close();
    await server.close();
  }
});

test("retries wait the drawn backoff between attempts", async () => {
  let calls = 0;
  const server = await bareServer((_req, res) => (++calls < 3 ? json(res, 503, {}) : json(res, 200, { message: 1 })));
  const waits: number[] = [];
  const site = new RemoteSite({
    url: server.url,
    credentials,
    meta,
    retry: { baseDelayMs: 100, maxDelayMs: 1000 },
    random: () => 0.5,
    sleep: async (ms) => void waits.push(ms),
  });
  try {
    expect(await site.count("ToDo")).toBe(1);
    expect(waits).toEqual([50, 100]);
  } finally {
    await site.close();
    await server.close();
  }
});

test("an answer slower than the idle-connection limit still arrives (that limit only closes idle connections)", async () => {
  const server = await bareServer((_req, res) => void setTimeout(() => json(res, 200, { message: 5 }), 2_000));
  const site = new RemoteSite({ url: server.url, credentials, meta });
  try {
    expect(await site.count("ToDo")).toBe(5);
    expect(server.recorded.requests).toHaveLength(1);
  } finally {
    await site.close();
    await server.close();
  }
});

test("a kept-alive connection left idle is closed by the client before a server would drop it", async () => {
  const server = await bareServer((_req, res) => json(res, 200, { message: 1 }));
  const site = new RemoteSite({ url: server.url, credentials, meta });
  try {
    await site.count("ToDo");
    await site.count("ToDo");
    expect(server.recorded.connections).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    await site.count("ToDo");
    expect(server.recorded.connections).toBe(2);
  } finally {
    await site.close();
    await server.close();
  }
});
