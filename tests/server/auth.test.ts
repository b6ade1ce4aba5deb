import { ApiKeyAuth, GUEST } from "../../src/server/auth";
import { call, type RunningServer, startServer } from "./support/test-server";

/** API-key auth (src/server/auth.ts): Frappe's `token key:secret` and `Basic`, Guest without a header, 401 otherwise. */
describe("ApiKeyAuth", () => {
  const auth = new ApiKeyAuth([
    { key: "k1", secret: "s1" },
    { key: "k2", secret: "s2", user: "ops@example.com" },
  ]);

  test("no header (or a blank one) is Guest", () => {
    expect(auth.authenticate(undefined)).toBe(GUEST);
    expect(auth.authenticate("  ")).toBe(GUEST);
  });

  test("token and Basic forms; each key runs as its user (Administrator by default)", () => {
    expect(auth.authenticate("token k1:s1")).toEqual({ user: "Administrator", isGuest: false });
    expect(auth.authenticate(`Basic ${Buffer.from("k2:s2").toString("base64")}`)).toEqual({ user: "ops@example.com", isGuest: false });
    expect(auth.authenticate("Token k2:s2")).toEqual({ user: "ops@example.com", isGuest: false });
  });

  test.each(["token k1:s2", "token k3:s1", "token k1", "token :s1", "Bearer abc", "garbage"])("%s is refused", (header) => {
    expect(auth.authenticate(header)).toBe("refused");
  });

  test("a secret containing ':' is the rest of the pair", () => {
    const colon = new ApiKeyAuth([{ key: "k", secret: "a:b:c" }]);
    expect(colon.authenticate("token k:a:b:c")).toEqual({ user: "Administrator", isGuest: false });
  });
});

describe("over HTTP", () => {
  let running: RunningServer;
  beforeAll(async () => (running = await startServer({ server: { apiKeys: [{ key: "ops", secret: "ops-secret", user: "ops@example.com" }] } })));
  afterAll(() => running.stop());

  test("the key's user is the logged-in user", async () => {
    const answer = await call(running.url, "GET", "/api/method/frappe.auth.get_logged_user", { headers: { Authorization: "token ops:ops-secret" } });
    expect(answer.body).toEqual({ message: "ops@example.com" });
  });

  test("a refused token is 401 on any route, cookies cleared as Frappe does, no message", async () => {
    const answer = await call(running.url, "GET", "/api/method/frappe.ping", { headers: { Authorization: "token ops:wrong" } });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ exc_type: "AuthenticationError", exception: "frappe.exceptions.AuthenticationError" });
    expect(answer.body).not.toHaveProperty("_server_messages");
    const cookies = answer.headers.getSetCookie();
    expect(cookies.slice(0, 5).map((c) => c.split(";")[0])).toEqual(["sid=Guest", "system_user=no", "full_name=Guest", "user_id=Guest", "user_image="]);
    expect(cookies.slice(5).map((c) => c.split(";")[0])).toEqual(["system_user=", "user_image=", "user_id=", "sid=", "full_name="]);
    expect(new Date(/Expires=([^;]+)/.exec(cookies[5] ?? "")?.[1] ?? "").getTime()).toBeLessThan(Date.now());
  });
});
