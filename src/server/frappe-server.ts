import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { silentLogger } from "../core/logger";
import { InputError, isFrappeError } from "../errors";
import { ApiKeyAuth, GUEST } from "./auth";
import { bodyReader, readBytes, RequestTooLargeError } from "./body";
import { badTokenReply, errorReply, frappeErrorReply, plainErrorReply } from "./error-body";
import { FaultQueue } from "./faults";
import { CLIENT_METHODS } from "./methods/client-methods";
import { UPLOAD_METHODS } from "./methods/upload-file";
import { writeReply } from "./reply";
import { RouteTable } from "./route-table";
import { methodRoute } from "./routes/method-route";
import { resourceRoutes } from "./routes/resource-routes";
import type { BodyLimits, FaultAction, FrappeServer, FrappeServerOptions, ListeningServer, Reply } from "./types";

const MiB = 1024 * 1024;
export const DEFAULT_LIMITS: BodyLimits = { maxBodyBytes: 10 * MiB, maxFileBytes: 25 * MiB };

/** What a proxy in front of a site answers when the site is down or busy (HTML, as nginx sends it). */
function faultStatusReply(action: Extract<FaultAction, { kind: "status" }>): Reply {
  const headers: Record<string, string> = {};
  if (action.retryAfterSeconds !== undefined) headers["Retry-After"] = String(action.retryAfterSeconds);
  if (action.status === 429) {
    // Frappe's own rate limiter answers in its JSON error shape.
    const reply = plainErrorReply(429, "TooManyRequestsError", "You hit the rate limit because of too many requests. Please try after sometime.");
    return { ...reply, headers };
  }
  const text = `${action.status} ${http.STATUS_CODES[action.status] ?? ""}`;
  return { status: action.status, body: text, headers: { ...headers, "Content-Type": "text/html" } };
}

function writeHtml(res: ServerResponse, reply: Reply): void {
  const html = `<html><head><title>${String(reply.body)}</title></head><body><h1>${String(reply.body)}</h1></body></html>`;
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": Buffer.byteLength(html) });
  res.end(html);
}

/**
 * A REST server that answers as a Frappe v15 site does (`/api/resource`, `/api/method`), over any
 * `Site` (in practice the embedded LocalSite). Token auth with the given API keys; no header runs as Guest.
 */
export function createFrappeServer(options: FrappeServerOptions): FrappeServer {
  const routes = new RouteTable();
  for (const route of resourceRoutes()) routes.add(route);
  routes.add(methodRoute({ ...CLIENT_METHODS, ...UPLOAD_METHODS }));
  for (const route of options.routes ?? []) routes.add(route);
  const faults = new FaultQueue(options.faults);
  const auth = new ApiKeyAuth(options.apiKeys);
  const log = options.log ?? silentLogger;
  const limits: BodyLimits = { ...DEFAULT_LIMITS, ...options.limits };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://localhost");
    let path: string;
    try {
      // Frappe serves the same rules under /api/v1/.
      path = decodeURIComponent(url.pathname).replace(/^\/api\/v1\//, "/api/");
    } catch {
      writeReply(res, frappeErrorReply(new InputError("The request path is not valid percent-encoding")));
      return;
    }

    const fault = faults.take(method, path);
    if (fault?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "status") {
      const reply = faultStatusReply(fault);
      if (typeof reply.body === "string") writeHtml(res, reply);
      else writeReply(res, reply);
      return;
    }
    let readAhead: Buffer | undefined;
    if (fault?.kind === "delay" && fault.when !== "after") {
      // Received in full first, as a site behind gunicorn has it: a client that gives up does not cancel the work.
      try {
        readAhead = await readBytes({ headers: req.headers, chunks: req as AsyncIterable<Buffer> }, limits.maxBodyBytes + limits.maxFileBytes);
      } catch (err) {
        if (!(err instanceof RequestTooLargeError)) throw err;
        writeReply(res, plainErrorReply(413, "RequestEntityTooLarge", err.message));
        return;
      }
      await sleep(fault.ms);
    }

    const reply = await dispatch(req, method, path, url.searchParams, readAhead);
    if (fault?.kind === "delay" && fault.when === "after") await sleep(fault.ms);
    // "Drop after write": the request was carried out; the client never hears about it.
    if (fault?.kind === "drop-after-write") {
      req.socket.destroy();
      return;
    }
    if (res.headersSent || res.destroyed) return;
    // Answered before the body was read to its end (a refused upload, a 413): close rather than drain the rest.
    if (!req.complete) res.setHeader("Connection", "close");
    writeReply(res, reply);
    // The path only: a query string may carry a secret (set_email_password over GET).
    log.info({ method, path, status: reply.status, ms: Date.now() - started }, "request");
  }

  async function dispatch(req: IncomingMessage, method: string, path: string, query: URLSearchParams, readAhead?: Buffer): Promise<Reply> {
    const match = routes.match(method, path);
    if (!match) return plainErrorReply(404, "PageDoesNotExistError", `No API endpoint at ${path}`);
    if ("allowed" in match) {
      const reply = plainErrorReply(405, "MethodNotAllowed", `${method} is not allowed on ${path}`);
      return { ...reply, headers: { Allow: match.allowed.join(", ") } };
    }
    let caller = GUEST;
    if (match.route.auth === "token") {
      const result = auth.authenticate(req.headers.authorization);
      if (result === "refused") return badTokenReply();
      caller = result;
    }
    try {
      const body = bodyReader(req, limits, readAhead);
      const ctx = { req, method, path, query, params: match.params, caller, site: options.site, log, ...body };
      return await match.route.handle(ctx);
    } catch (err) {
      if (err instanceof RequestTooLargeError) return plainErrorReply(413, "RequestEntityTooLarge", err.message);
      if (!isFrappeError(err)) {
        const error = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { value: String(err) };
        log.error({ method, path, error }, "request failed");
      }
      return errorReply(err);
    }
  }

  function handler(req: IncomingMessage, res: ServerResponse): void {
    answer(req, res).catch((err: unknown) => {
      log.error({ error: err instanceof Error ? err.message : String(err) }, "request handling failed");
      if (!res.headersSent && !res.destroyed) writeReply(res, errorReply(err));
    });
  }

  return {
    async listen(port: number, host = "127.0.0.1"): Promise<ListeningServer> {
      const server = http.createServer({ keepAlive: true }, handler);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      const bound = (server.address() as AddressInfo).port;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      return {
        url: `http://${shownHost}:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.close((err) => (err ? reject(err) : resolve()));
            // Idle keep-alive sockets would hold close() open; busy ones get a moment to finish.
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), 2_000).unref();
          }),
      };
    },
    addRoute: (route) => routes.add(route),
    injectFault: (fault) => faults.push(fault),
    pendingFaults: () => faults.size,
  };
}
