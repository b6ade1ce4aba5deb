import { type AccountChange, AccountChanges, RECENT_ACCOUNT_CHANGES, reloadAccountsOnChange } from "../../../src/server/webhooks";
import { recordingLogger } from "./support/receiver";

/** The account-changed announcements a mail engine subscribes to (src/server/webhooks/account-changes.ts). */

const change = (name: string, event: AccountChange["event"] = "on_update"): AccountChange => ({ name, event, removed: event === "on_trash", at: new Date(0) });

test("every listener hears each change, in subscription order, and is awaited", async () => {
  const changes = new AccountChanges();
  const heard: string[] = [];
  changes.onAccountChanged(async (c) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    heard.push(`first ${c.name}`);
  });
  changes.onAccountChanged((c) => void heard.push(`second ${c.name}`));
  await changes.notify(change("Support"));
  expect(heard).toEqual(["first Support", "second Support"]);
});

test("unsubscribing stops the calls", async () => {
  const changes = new AccountChanges();
  const heard: string[] = [];
  const off = changes.onAccountChanged((c) => void heard.push(c.name));
  await changes.notify(change("A"));
  off();
  await changes.notify(change("B"));
  expect(heard).toEqual(["A"]);
});

test("with no listener the change is still logged and kept", async () => {
  const lines: string[] = [];
  const changes = new AccountChanges({ log: recordingLogger(lines) });
  await changes.notify(change("Support", "on_trash"));
  expect(changes.recent()).toEqual([change("Support", "on_trash")]);
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0] as string)).toMatchObject({ level: "info", account: "Support", event: "on_trash", removed: true, listeners: 0 });
});

test("recent() keeps the last RECENT_ACCOUNT_CHANGES changes, oldest first", async () => {
  const changes = new AccountChanges();
  for (let i = 0; i < RECENT_ACCOUNT_CHANGES + 5; i++) await changes.notify(change(`A${i}`));
  const recent = changes.recent();
  expect(recent).toHaveLength(RECENT_ACCOUNT_CHANGES);
  expect(recent[0]?.name).toBe("A5");
  expect(recent.at(-1)?.name).toBe(`A${RECENT_ACCOUNT_CHANGES + 4}`);
});

test("a failing listener is logged and the others still hear the change", async () => {
  const lines: string[] = [];
  const changes = new AccountChanges({ log: recordingLogger(lines) });
  const heard: string[] = [];
  changes.onAccountChanged(() => {
    throw new Error("engine busy");
  });
  changes.onAccountChanged((c) => void heard.push(c.name));
  await changes.notify(change("Support"));
  expect(heard).toEqual(["Support"]);
  expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
    expect.objectContaining({ level: "error", account: "Support", error: "engine busy", msg: "account-changed listener failed" }),
  );
});

test("reloadAccountsOnChange calls the engine's reloadAccount with the account's name until unwired", async () => {
  const changes = new AccountChanges();
  const reloaded: string[] = [];
  const unwire = reloadAccountsOnChange(changes, { reloadAccount: (name) => void reloaded.push(name) });
  await changes.notify(change("Support"));
  unwire();
  await changes.notify(change("Sales"));
  expect(reloaded).toEqual(["Support"]);
});
