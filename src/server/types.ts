import type { IncomingMessage } from "node:http";
import type { Logger } from "../core/logger";
import type { Site } from "../core/site";
import type { RequestBody } from "./body";

/** One API key the server accepts: `Authorization: token <key>:<secret>` runs as `user`. */
export interface ApiKey {
  key: string;
  secret: string;
  /** Default Administrator. */
  user?: string;
}

/** What a route answers: written by the server (or dropped by a fault), never streamed by the handler. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string | string[]>;
}

/** The caller: Guest without an Authorization header, else the key's user. */
export interface Caller {
  user: string;
  isGuest: boolean;
}

/** What a route handler gets. */
export interface RequestContext {
  req: IncomingMessage;
  method: string;
  /** Decoded path, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Parts of the path the route pattern captured (decoded). */
  params: Record<string, string>;
  caller: Caller;
  site: Site;
  log: Logger;
  /** The body as Frappe's `form_dict` (JSON, form fields, or multipart with the file spooled to disk). Read once. */
  readBody(): Promise<RequestBody>;
  /** The raw body (bounded by `maxBodyBytes`), e.g. for a webhook signature. Read once, instead of readBody. */
  readRawBody(): Promise<Buffer>;
}

export interface BodyLimits {
  /** JSON and form bodies; default 10 MiB. */
  maxBodyBytes: number;
  /** One uploaded file (multipart); default 25 MiB, Frappe's default max file size. */
  maxFileBytes: number;
}

/**
 * A route: the seam other modules (the Webhook receiver) use to add endpoints.
 * `auth: "token"` routes run as Guest without a header and answer 401 for a bad token;
 * `auth: "none"` routes see no Authorization check at all (they do their own, e.g. a signature).
 */
export interface Route {
  /** HTTP method, or "*" for any. */
  method: string;
  /**
   * `/api/resource/:doctype/:name+`: `:x` is one path segment, `:x+` the rest of the path (one or more segments).
   * Matched against the decoded path.
   */
  path: string;
  auth: "token" | "none";
  handle(ctx: RequestContext): Promise<Reply>;
}

/** Failure injection for client tests: what the server does to one matching request. */
export type FaultAction =
  /**
   * A slow site, for client timeouts. "before" (default): the body is received in full, then the server
   * waits, then carries the request out, even if the client gave up meanwhile (as gunicorn does).
   * "after": the request is carried out at once and the answer waits.
   */
  | { kind: "delay"; ms: number; when?: "before" | "after" }
  /** Answer with this status without performing the request. */
  | { kind: "status"; status: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  /** Perform the request, then destroy the socket without answering. */
  | { kind: "drop-after-write" }
  /** Destroy the socket without performing the request. */
  | { kind: "drop" };

export interface Fault {
  /** Upper-case HTTP method; any when absent. */
  method?: string;
  /** The decoded path (without query): equal to a string, or matching a RegExp; any when absent. */
  path?: string | RegExp;
  action: FaultAction;
  /** How many matching requests it applies to before it is used up; default 1. */
  times?: number;
}

export interface FrappeServerOptions {
  site: Site;
  apiKeys: ApiKey[];
  /** Faults applied, in order, to the requests they match (see `FrappeServer.injectFault`). */
  faults?: Fault[];
  /** Extra routes (e.g. the Webhook receiver); looked up after the built-in /api routes. */
  routes?: Route[];
  log?: Logger;
  limits?: Partial<BodyLimits>;
}

export interface ListeningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface FrappeServer {
  listen(port: number, host?: string): Promise<ListeningServer>;
  /** Adds a route (the Webhook receiver's seam); routes added later are looked up later. */
  addRoute(route: Route): void;
  /** Queues a fault behind the ones already waiting. */
  injectFault(fault: Fault): void;
  /** Faults not used up yet (a test can assert its fault was consumed). */
  pendingFaults(): number;
}
