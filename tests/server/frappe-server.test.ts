import http from "node:http";
import type { Doc } from "../../src/core/doc";
import type { Logger } from "../../src/core/logger";
import type { Site } from "../../src/core/site";
import { createFrappeServer } from "../../src/server";
import { captureSales } from "./support/capture-setup";
import { call, type RunningServer, serverMessages, startServer, TOKEN_HEADER } from "./support/test-server";

/** The HTTP side of the server (src/server/frappe-server.ts, routes/resource-routes.ts): what the captures do not cover. */
const ACCOUNTS = "/api/resource/Email Account";
const account = (name: string, extra: Record<string, unknown> = {}) => ({ email_account_name: name, email_id: `${name.toLowerCase()}@example.org`, enable_incoming: 0, enable_outgoing: 0, ...extra });

/** A logger that keeps every line, to prove what is (not) logged. */
function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (obj: object, msg?: string) => lines.push(`${level} ${msg ?? ""} ${JSON.stringify(obj)}`);
  const logger: Logger = { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error"), child: () => logger };
  return logger;
}

describe("the resource list", () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({
      seed: async (site) => {
        for (const n of ["A1", "A2", "A3"]) await site.insert({ doctype: "Email Account", ...account(n) });
      },
    });
  });
  afterAll(() => running.stop());
  const list = async (query: string) => ((await call(running.url, "GET", `${ACCOUNTS}?${query}`)).body as { data: unknown[] }).data;

  test("limit_page_length wins over limit (Frappe's setdefault); limit=0 is every row; limit_start pages", async () => {
    expect(await list("limit_page_length=1&limit=3")).toHaveLength(1);
    expect(await list("limit=2")).toHaveLength(2);
    expect(await list("limit=0")).toHaveLength(3);
    expect(await list("order_by=name%20asc&limit=1&limit_start=2")).toEqual([{ name: "A3" }]);
  });

  test("or_filters, fields as a plain comma list, as_dict=false", async () => {
    expect(await list(`or_filters=${encodeURIComponent('[["name","=","A1"],["name","=","A3"]]')}&order_by=name%20desc`)).toEqual([{ name: "A3" }, { name: "A1" }]);
    expect(await list("fields=name,email_id&filters=%7B%22name%22%3A%22A2%22%7D")).toEqual([{ name: "A2", email_id: "a2@example.org" }]);
    expect(await list("fields=%5B%22name%22%5D&as_dict=false&order_by=name%20asc&limit=1")).toEqual([["A1"]]);
  });

  test("an unknown DocType is Frappe's 404", async () => {
    const answer = await call(running.url, "GET", "/api/resource/No Such DocType");
    expect(answer.status).toBe(404);
    expect(serverMessages(answer.body)[0]?.message).toBe("DocType No Such DocType not found");
  });
});

describe("writes through /api/resource", () => {
  let running: RunningServer;
  beforeEach(async () => (running = await startServer({ seed: async (site) => captureSales(site, {}) })));
  afterEach(() => running.stop());

  test("POST takes the document from a JSON `data` field, or from plain form fields", async () => {
    const wrapped = await call(running.url, "POST", ACCOUNTS, { json: { data: account("Wrapped") } });
    expect(wrapped.status).toBe(200);
    const form = await call(running.url, "POST", "/api/resource/ToDo", { body: new URLSearchParams({ description: "from a form" }).toString(), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect((form.body as { data: Doc }).data).toMatchObject({ doctype: "ToDo", description: "from a form", status: "Open" });
    expect(await running.site.exists("Email Account", "Wrapped")).toBe(true);
  });

  test("PUT updates the record of the path: a `name` or `doctype` in the body changes nothing else", async () => {
    const answer = await call(running.url, "PUT", `${ACCOUNTS}/Capture Sales`, { json: { name: "Renamed", doctype: "ToDo", signature: "Hi" } });
    expect((answer.body as { data: Doc }).data).toMatchObject({ name: "Capture Sales", doctype: "Email Account", signature: "Hi" });
    expect(await running.site.exists("Email Account", "Renamed")).toBe(false);
  });

  test.each([
    ["POST", ACCOUNTS, false],
    ["PUT", `${ACCOUNTS}/Capture Sales`, true],
    ["DELETE", `${ACCOUNTS}/Capture Sales`, true],
  ] as const)("Guest %s is refused (403) and nothing changes", async (method, path, oneRecord) => {
    const answer = await call(running.url, method, path, { auth: false, json: account("Guest Made", { signature: "guest" }) });
    expect(answer.status).toBe(403);
    expect(((answer.body as { _error_message?: string })._error_message === undefined) === oneRecord).toBe(true);
    expect(await running.site.count("Email Account")).toBe(1);
    expect((await running.site.get("Email Account", "Capture Sales")).signature).toBeUndefined();
  });
});

describe("requests the server refuses", () => {
  let running: RunningServer;
  const lines: string[] = [];
  beforeAll(async () => (running = await startServer({ server: { log: recordingLogger(lines), limits: { maxBodyBytes: 2048 } } })));
  afterAll(() => running.stop());

  test("an unknown path is a 404, a method the path does not take a 405 naming the allowed ones", async () => {
    const unknown = await call(running.url, "GET", "/api/nothing/here");
    expect(unknown.status).toBe(404);
    expect((unknown.body as { exc_type: string }).exc_type).toBe("PageDoesNotExistError");
    const patch = await call(running.url, "PATCH", `${ACCOUNTS}/X`);
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, PUT, DELETE");
  });

  test("malformed JSON is a 400 InputError that does not echo the body", async () => {
    const answer = await call(running.url, "POST", ACCOUNTS, { body: '{"password": "hunter2"', headers: { "Content-Type": "application/json" } });
    expect(answer.status).toBe(400);
    expect((answer.body as { exc_type: string }).exc_type).toBe("InputError");
    expect(answer.text).not.toContain("hunter2");
  });

  test("a body over the limit is a 413, read no further than the limit: the connection is closed, not drained", async () => {
    const answer = await call(running.url, "POST", ACCOUNTS, { json: account("Big", { signature: "x".repeat(5000) }) });
    expect(answer.status).toBe(413);
    expect((answer.body as { exc_type: string }).exc_type).toBe("RequestEntityTooLarge");
    expect(answer.headers.get("connection")).toBe("close");
  });

  test("a path that is not valid percent-encoding is a 400", async () => {
    const answer = await call(running.url, "GET", "/api/resource/Email%E0%A4%A");
    expect(answer.status).toBe(400);
  });

  test("status lines carry werkzeug's upper-case reason, and the connection is kept alive", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status?: string; socket: unknown; connection?: string }>((resolve, reject) => {
        http.get(`${running.url}/api/resource/Email%20Account/Nope`, { agent, headers: { Authorization: TOKEN_HEADER } }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusMessage, socket: res.socket, connection: res.headers.connection }));
        }).on("error", reject);
      });
    const first = await get();
    const second = await get();
    agent.destroy();
    expect(first.status).toBe("NOT FOUND");
    expect(first.connection).toBe("keep-alive");
    expect(second.socket).toBe(first.socket);
  });
});

test("an error that is not one of ours: 500 with a generic message, details only in the log, no secret anywhere", async () => {
  const lines: string[] = [];
  const running = await startServer();
  // A site whose list fails the way a bug would: a plain Error.
  const failing: Site = Object.create(running.site, { getList: { value: async () => Promise.reject(new Error("disk on fire")) } }) as Site;
  const server = createFrappeServer({ site: failing, apiKeys: [{ key: "k", secret: "s3cret-key-secret" }], log: recordingLogger(lines) });
  const listening = await server.listen(0);
  try {
    const inserted = await call(listening.url, "POST", ACCOUNTS, { headers: { Authorization: "token k:s3cret-key-secret" }, json: account("Pw", { password: "very-secret-pw" }) });
    expect(inserted.status).toBe(200);
    const answer = await call(listening.url, "GET", ACCOUNTS, { headers: { Authorization: "token k:s3cret-key-secret" } });
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ exc_type: "Exception", exception: "Exception: Internal Server Error" });
    expect(serverMessages(answer.body)[0]?.message).toBe("There was an internal error on the server. The details are in the server log.");
    expect(answer.text).not.toContain("disk on fire");
    expect(lines.join("\n")).toContain("disk on fire");
    expect(lines.join("\n")).not.toMatch(/very-secret-pw|s3cret-key-secret/);
  } finally {
    await listening.close();
    await running.stop();
  }
});

describe("the route seam (for the Webhook receiver)", () => {
  test("routes given at creation or added later run after the built-in ones; auth 'none' routes see no token check", async () => {
    const running = await startServer({
      server: {
        routes: [{ method: "POST", path: "/webhook/:name", auth: "none", handle: async (ctx) => ({ status: 200, body: { got: ctx.params.name, bytes: (await ctx.readRawBody()).length, user: ctx.caller.user } }) }],
      },
    });
    try {
      running.server.addRoute({ method: "GET", path: "/api/method/frappe.auth.get_logged_user", auth: "token", handle: async () => ({ status: 200, body: { shadowed: true } }) });
      running.server.addRoute({ method: "GET", path: "/hooks/:rest+", auth: "token", handle: async (ctx) => ({ status: 200, body: { rest: ctx.params.rest, user: ctx.caller.user } }) });
      const hook = await call(running.url, "POST", "/webhook/mail", { auth: false, headers: { Authorization: "token wrong:wrong" }, body: "abc" });
      expect(hook.body).toEqual({ got: "mail", bytes: 3, user: "Guest" });
      expect((await call(running.url, "GET", "/api/method/frappe.auth.get_logged_user")).body).toEqual({ message: "Administrator" });
      expect((await call(running.url, "GET", "/hooks/a/b%20c")).body).toEqual({ rest: "a/b c", user: "Administrator" });
      expect((await call(running.url, "GET", "/hooks/a", { auth: false, headers: { Authorization: "token wrong:wrong" } })).status).toBe(401);
    } finally {
      await running.stop();
    }
  });
});

test("parallel requests: every insert lands once; racing inserts of one name give one 200 and 409s, never a double", async () => {
  const running = await startServer();
  try {
    const distinct = await Promise.all(Array.from({ length: 12 }, (_, i) => call(running.url, "POST", ACCOUNTS, { json: account(`P${i}`) })));
    expect(distinct.map((a) => a.status)).toEqual(Array(12).fill(200));
    const racing = await Promise.all(Array.from({ length: 6 }, () => call(running.url, "POST", ACCOUNTS, { json: account("Same") })));
    expect(racing.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await running.site.count("Email Account")).toBe(13);
  } finally {
    await running.stop();
  }
});

test("the request log names method, path and status, never the query string (it may carry a password)", async () => {
  const lines: string[] = [];
  const running = await startServer({ seed: async (site) => captureSales(site, {}), server: { log: recordingLogger(lines) } });
  try {
    const module = "frappe.email.doctype.email_account.email_account";
    const answer = await call(running.url, "GET", `/api/method/${module}.set_email_password?email_account=Capture%20Sales&password=query-secret-pw`);
    expect(answer.body).toEqual({ message: true });
    expect(lines.some((line) => line.includes(`"path":"/api/method/${module}.set_email_password","status":200`))).toBe(true);
    expect(lines.join("\n")).not.toContain("query-secret-pw");
  } finally {
    await running.stop();
  }
});
