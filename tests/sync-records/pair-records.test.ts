import { SyncLedger } from "../../src/sync-records";
import { pairRecords, unpaired } from "../../src/sync-records/pair-records";

const key = (name: string, naturalKey?: string) => ({ name, modified: "m", ...(naturalKey ? { naturalKey } : {}) });

test("the ledger's counterpart first, then the same name, then the same Message-ID and account", () => {
  const ledger = SyncLedger.inMemory();
  ledger.set("Communication", "l1", { remoteName: "r1", remoteModified: "m", localModified: "m" });
  const sources = [key("l1", "<a>\u0000S"), key("same"), key("l3", "<c>\u0000S"), key("l4", "<d>\u0000S")];
  const targets = [key("r1", "<x>\u0000S"), key("same"), key("r3", "<c>\u0000S"), key("r9")];
  const pairs = pairRecords("Communication", sources, targets, ledger, "push");
  expect(pairs.map((p) => p.target?.name)).toEqual(["r1", "same", "r3", undefined]);
  expect(pairs.map((p) => p.base !== undefined)).toEqual([true, false, false, false]);
  expect(unpaired(pairs, targets).map((t) => t.name)).toEqual(["r9"]);
});

test("pulling, the ledger maps the remote name back to the local record", () => {
  const ledger = SyncLedger.inMemory();
  ledger.set("Communication", "l1", { remoteName: "r1", remoteModified: "m", localModified: "m" });
  const pairs = pairRecords("Communication", [key("r1")], [key("l1")], ledger, "pull");
  expect(pairs[0]).toMatchObject({ target: { name: "l1" }, base: { remoteName: "r1" } });
});

test("a counterpart is given once: two copies of one message do not both pair with it", () => {
  const pairs = pairRecords("Communication", [key("a", "<m>\u0000S"), key("b", "<m>\u0000S")], [key("r", "<m>\u0000S")], SyncLedger.inMemory(), "push");
  expect(pairs.map((p) => p.target?.name)).toEqual(["r", undefined]);
});

test("a counterpart the ledger remembers but the other side no longer has is reported lost", () => {
  const ledger = SyncLedger.inMemory();
  ledger.set("Email Account", "Sales", { remoteName: "Sales", remoteModified: "m", localModified: "m" });
  const [pair] = pairRecords("Email Account", [key("Sales")], [], ledger, "push");
  expect(pair).toEqual({ source: key("Sales"), lost: { remoteName: "Sales", remoteModified: "m", localModified: "m" } });
});
