import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import https from "node:https";
import { setTimeout as delay } from "node:timers/promises";
import type { AxiosError, AxiosResponse } from "axios";
import { FrappeApp } from "frappe-js-sdk";
import { type Logger, silentLogger } from "../../core/logger";
import type { SiteMessage } from "../../core/site";
import type { FrappeError } from "../../errors";
import type { ApiCredentials } from "./credentials";
import { errorFromResponse, networkError, type RequestDescription, timeoutError, type TransportFacts } from "./remote-errors";
import { type AttemptFailure, DEFAULT_RETRY_POLICY, isTransient, mayHaveReachedSite, retryDelay, type RetryPolicy } from "./retry-policy";
import { siteMessages } from "./server-messages";
import { parseSiteUrl } from "./site-url";

/**
 * How long an idle kept-alive connection is kept: below the servers' own idle limits (gunicorn 2 s,
 * Node 5 s), so a request is not sent on a connection the server is closing at that moment.
 */
const IDLE_SOCKET_MS = 1_500;

export interface RemoteClientOptions {
  /** The site's URL, without credentials. */
  url: string;
  credentials: ApiCredentials;
  /** Per attempt, from sending to the whole answer read. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Connections kept open per host (keep-alive). Default 8. */
  maxSockets?: number;
  log?: Logger;
  /** For tests: the jitter source and the wait between attempts. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * After a failure the site may have acted on (a timeout, a dropped connection, a 502/504):
 * `repeat` (reads, idempotent writes), `fail` (a write that must not land twice and has no key
 * to look for), or a lookup that answers the stored record when the write did land.
 */
export type AmbiguityPolicy<T> = "repeat" | "fail" | (() => Promise<{ landed: T } | undefined>);

export interface SendOptions<T> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The path as sent, without query string (for messages and logs). */
  path: string;
  doctype?: string;
  docname?: string;
  notFoundMessage?: string;
  ambiguity?: AmbiguityPolicy<T>;
  /** A streamed body cannot be sent twice: one attempt only. */
  once?: boolean;
}

export interface Answer<T> {
  value: T;
  /** The site's non-error messages (`_server_messages` of the answer). */
  messages: SiteMessage[];
  /** The request was sent again after an attempt whose answer was lost and whose write was not found. */
  resentAfterLostAnswer: boolean;
}

/** What one request left behind, caught by the interceptors: the SDK itself keeps only a reshaped copy. */
interface Exchange {
  signal: AbortSignal;
  timedOut: boolean;
  response?: AxiosResponse;
  error?: AxiosError;
}

type Attempt<T> = { ok: true; answer: Answer<T> } | { ok: false; failure: AttemptFailure; reason: string; toError: (note?: string) => FrappeError };

function transportFacts(error: AxiosError): TransportFacts {
  const cause = (error.cause ?? {}) as { code?: unknown; syscall?: unknown; address?: unknown; port?: unknown };
  const code = typeof error.code === "string" ? error.code : typeof cause.code === "string" ? cause.code : undefined;
  return {
    message: error.message || code || "connection failed",
    ...(code ? { code } : {}),
    ...(typeof cause.syscall === "string" ? { syscall: cause.syscall } : {}),
    ...(typeof cause.address === "string" ? { address: cause.address } : {}),
    ...(typeof cause.port === "number" ? { port: cause.port } : {}),
  };
}

function header(response: AxiosResponse, name: string): string | undefined {
  const value = (response.headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * frappe-js-sdk's FrappeApp with what a sync connector needs around it: a deadline per attempt,
 * retries with backoff and full jitter for transient failures only, keep-alive connections, and
 * every failure turned into one of our typed errors. The API secret lives only in the token
 * function the SDK calls per request; it is taken off the instance defaults and never copied
 * into an error or a log line.
 */
export class RemoteClient {
  readonly url: string;
  readonly timeoutMs: number;
  readonly #app: FrappeApp;
  readonly #policy: RetryPolicy;
  readonly #exchanges = new AsyncLocalStorage<Exchange>();
  readonly #agents: { http: http.Agent; https: https.Agent };
  readonly #log: Logger;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: RemoteClientOptions) {
    this.url = parseSiteUrl(options.url);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#log = options.log ?? silentLogger;
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? ((ms) => delay(ms));
    const { apiKey, apiSecret } = options.credentials;
    this.#app = new FrappeApp(this.url, { useToken: true, type: "token", token: () => `${apiKey}:${apiSecret}` });
    const maxSockets = options.maxSockets ?? 8;
    const agentOptions = { keepAlive: true, maxSockets, timeout: IDLE_SOCKET_MS };
    this.#agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
    this.#configure();
  }

  #configure(): void {
    const axios = this.#app.axios;
    // The SDK also copies the token into the defaults once; its interceptor sets it on every request anyway.
    delete (axios.defaults.headers as unknown as Record<string, unknown>).Authorization;
    axios.defaults.httpAgent = this.#agents.http;
    axios.defaults.httpsAgent = this.#agents.https;
    // A redirect would turn a POST into a GET; a 3xx is reported instead.
    axios.defaults.maxRedirects = 0;
    axios.defaults.maxBodyLength = Infinity;
    axios.interceptors.request.use((config) => {
      const exchange = this.#exchanges.getStore();
      if (exchange) config.signal = exchange.signal;
      return config;
    });
    axios.interceptors.response.use(
      (response) => {
        const exchange = this.#exchanges.getStore();
        if (exchange) exchange.response = response;
        return response;
      },
      (error: AxiosError) => {
        const exchange = this.#exchanges.getStore();
        if (exchange) exchange.error = error;
        return Promise.reject(error);
      },
    );
  }

  /** Runs one SDK call with the deadline, retries and error mapping. `run` must make exactly one request. */
  async send<T>(options: SendOptions<T>, run: (app: FrappeApp) => Promise<T>): Promise<Answer<T>> {
    const request: RequestDescription = {
      method: options.method,
      url: `${this.url}${options.path}`,
      ...(options.doctype ? { doctype: options.doctype } : {}),
      ...(options.docname ? { docname: options.docname } : {}),
      ...(options.notFoundMessage ? { notFoundMessage: options.notFoundMessage } : {}),
    };
    const ambiguity = options.ambiguity ?? "repeat";
    let resentAfterLostAnswer = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(run, request, attempt);
      if (outcome.ok) return { ...outcome.answer, resentAfterLostAnswer };
      const { failure } = outcome;
      if (!isTransient(failure)) throw outcome.toError();
      if (options.once) throw outcome.toError(" (not repeated: a streamed body cannot be sent twice)");
      const ambiguous = mayHaveReachedSite(failure);
      if (ambiguous && ambiguity === "fail") throw outcome.toError(" (not repeated: the site may have stored it; check before sending it again)");
      if (attempt >= this.#policy.attempts) throw outcome.toError(` (gave up after ${attempt} attempts)`);
      const wait = retryDelay(failure, attempt, this.#policy, this.#random);
      if (wait === undefined) throw outcome.toError(` (the site asked to wait longer than ${this.#policy.maxRetryAfterMs} ms)`);
      this.#log.warn({ method: request.method, url: request.url, attempt, delayMs: wait, reason: outcome.reason }, "remote request failed; retrying");
      await this.#sleep(wait);
      if (ambiguous && typeof ambiguity === "function") {
        const found = await this.#awaitLanded(failure, ambiguity);
        if (found) {
          this.#log.info({ method: request.method, url: request.url, attempt }, "the failed write had landed; not repeating it");
          return { value: found.landed, messages: [], resentAfterLostAnswer };
        }
        resentAfterLostAnswer = true;
      }
    }
  }

  /**
   * Looks whether a write whose answer was lost landed. After a timeout (ours or a gateway's 504)
   * the request may still be running on the site, so the check is repeated for up to one more
   * timeout before the write is sent again; after a dropped connection or a 502 it is done once.
   */
  async #awaitLanded<T>(failure: AttemptFailure, check: () => Promise<{ landed: T } | undefined>): Promise<{ landed: T } | undefined> {
    const stillRunning = failure.kind === "timeout" || (failure.kind === "response" && failure.status === 504);
    const deadline = Date.now() + (stillRunning ? this.timeoutMs : 0);
    const interval = Math.max(25, Math.min(1_000, Math.floor(this.timeoutMs / 5)));
    for (;;) {
      const found = await check();
      const left = deadline - Date.now();
      if (found || left <= 0) return found;
      await this.#sleep(Math.min(interval, left));
    }
  }

  async #attempt<T>(run: (app: FrappeApp) => Promise<T>, request: RequestDescription, attempt: number): Promise<Attempt<T>> {
    const controller = new AbortController();
    const exchange: Exchange = { signal: controller.signal, timedOut: false };
    const timer = setTimeout(() => {
      exchange.timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const started = Date.now();
    try {
      const value = await this.#exchanges.run(exchange, () => run(this.#app));
      const body = (exchange.response?.data ?? {}) as Record<string, unknown>;
      this.#log.debug({ method: request.method, url: request.url, status: exchange.response?.status, ms: Date.now() - started, attempt }, "remote request");
      return { ok: true, answer: { value, messages: siteMessages(body._server_messages), resentAfterLostAnswer: false } };
    } catch (thrown) {
      const error = exchange.error;
      // Not an HTTP failure (our own check failed, or a bug): nothing to retry.
      if (!error) throw thrown;
      return this.#failure(error, exchange.timedOut, request, Date.now() - started, attempt);
    } finally {
      clearTimeout(timer);
    }
  }

  #failure<T>(error: AxiosError, timedOut: boolean, request: RequestDescription, ms: number, attempt: number): Attempt<T> {
    const response = error.response;
    if (response) {
      const retryAfter = header(response, "retry-after");
      this.#log.debug({ method: request.method, url: request.url, status: response.status, ms, attempt }, "remote request");
      const failed = { status: response.status, statusText: response.statusText, body: response.data, location: header(response, "location") };
      return {
        ok: false,
        failure: { kind: "response", status: response.status, ...(retryAfter === undefined ? {} : { retryAfter }) },
        reason: `HTTP ${response.status}`,
        toError: (note) => errorFromResponse(failed, request, note),
      };
    }
    if (timedOut) {
      return { ok: false, failure: { kind: "timeout" }, reason: "timeout", toError: (note) => timeoutError(this.timeoutMs, request, note) };
    }
    const facts = transportFacts(error);
    return { ok: false, failure: { kind: "network", ...(facts.code ? { code: facts.code } : {}) }, reason: facts.code ?? facts.message, toError: (note) => networkError(facts, request, note) };
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }
}
