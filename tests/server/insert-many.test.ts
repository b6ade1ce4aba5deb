import { call, type RunningServer, startServer } from "./support/test-server";

/** frappe.client.insert_many over real HTTP: Frappe v15's contract (limit, all-or-nothing, names). */
let s: RunningServer;
beforeEach(async () => (s = await startServer()));
afterEach(() => s.stop());

const METHOD = "/api/method/frappe.client.insert_many";
const todo = (n: number) => ({ doctype: "ToDo", description: `task ${n}` });

describe("frappe.client.insert_many", () => {
  test("inserts every doc in order and answers their names", async () => {
    const answer = await call(s.url, "POST", METHOD, { json: { docs: [todo(1), todo(2), todo(3)] } });
    expect(answer.status).toBe(200);
    const names = (answer.body as { message: string[] }).message;
    expect(names).toHaveLength(3);
    for (const [i, name] of names.entries()) expect((await s.site.get("ToDo", name)).description).toBe(`task ${i + 1}`);
  });

  test("accepts docs as JSON text in a form body, as Frappe does", async () => {
    const body = new URLSearchParams({ docs: JSON.stringify([todo(1), todo(2)]) });
    const answer = await call(s.url, "POST", METHOD, { body });
    expect(answer.status).toBe(200);
    expect(await s.site.count("ToDo")).toBe(2);
  });

  test("more than 200 docs: refused with Frappe's message, nothing inserted", async () => {
    const docs = Array.from({ length: 201 }, (_, n) => todo(n));
    const answer = await call(s.url, "POST", METHOD, { json: { docs } });
    expect(answer.status).toBe(417);
    expect((answer.body as { exc_type: string }).exc_type).toBe("ValidationError");
    expect(answer.text).toContain("Only 200 inserts allowed in one request");
    expect(await s.site.count("ToDo")).toBe(0);
  });

  test("exactly 200 docs are accepted", async () => {
    const docs = Array.from({ length: 200 }, (_, n) => todo(n));
    const answer = await call(s.url, "POST", METHOD, { json: { docs } });
    expect(answer.status).toBe(200);
    expect(await s.site.count("ToDo")).toBe(200);
  });

  test("one bad doc refuses the whole batch (one transaction): nothing lands, the bad doc's error is the answer", async () => {
    const docs = [todo(1), { doctype: "Email Account", email_account_name: "Broken" }, todo(3)];
    const answer = await call(s.url, "POST", METHOD, { json: { docs } });
    expect(answer.status).toBe(417);
    expect((answer.body as { exc_type: string }).exc_type).toBe("MandatoryError");
    expect(await s.site.count("ToDo")).toBe(0);
    expect(await s.site.count("Email Account")).toBe(0);
  });

  test("GET is not allowed (whitelisted for POST and PUT only)", async () => {
    const answer = await call(s.url, "GET", `${METHOD}?docs=${encodeURIComponent(JSON.stringify([todo(1)]))}`);
    expect(answer.status).toBe(403);
    expect(await s.site.count("ToDo")).toBe(0);
  });

  test("docs that is not a list is refused", async () => {
    const answer = await call(s.url, "POST", METHOD, { json: { docs: todo(1) } });
    expect(answer.status).toBe(400);
    expect(await s.site.count("ToDo")).toBe(0);
  });
});
