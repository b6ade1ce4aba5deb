import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../../src/errors";
import { ledgerFileFor, SyncLedger } from "../../src/sync-records";
import { tempDir } from "../helpers/temp-site";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir("fea-ledger-")));
afterEach(() => temp.cleanup());

const base = { remoteName: "r1", remoteModified: "2024-01-01 00:00:00.000001", localModified: "2024-01-02 00:00:00.000002" };

test("the ledger lives next to the site file, private, and is read back by the next run", () => {
  const file = ledgerFileFor(temp.file);
  expect(file).toBe(`${temp.file}.sync.json`);
  const ledger = SyncLedger.open(file, "https://erp.acme.test");
  ledger.set("Communication", "local1", base);
  ledger.save();
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const again = SyncLedger.open(file, "https://erp.acme.test");
  expect(again.get("Communication", "local1")).toEqual(base);
  expect(again.localNameFor("Communication", "r1")).toBe("local1");
  expect(fs.readdirSync(temp.dir)).toEqual([path.basename(file)]);
});

test("each remote site has its own section", () => {
  const file = ledgerFileFor(temp.file);
  const one = SyncLedger.open(file, "https://one.test");
  one.set("Email Account", "Support", base);
  one.save();
  const two = SyncLedger.open(file, "https://two.test");
  expect(two.get("Email Account", "Support")).toBeUndefined();
  two.set("Email Account", "Support", { ...base, remoteName: "Support" });
  two.save();
  expect(SyncLedger.open(file, "https://one.test").get("Email Account", "Support")).toEqual(base);
});

test("a remote record is remembered for one local record only", () => {
  const ledger = SyncLedger.inMemory();
  ledger.set("Communication", "a", base);
  ledger.set("Communication", "b", base);
  expect(ledger.get("Communication", "a")).toBeUndefined();
  expect(ledger.localNameFor("Communication", "r1")).toBe("b");
  ledger.set("Communication", "b", { ...base, remoteName: "r2" });
  expect(ledger.localNameFor("Communication", "r1")).toBeUndefined();
});

test("a ledger file that is not JSON is a ConfigError saying how to start over", () => {
  const file = ledgerFileFor(temp.file);
  fs.writeFileSync(file, "{not json");
  expect(() => SyncLedger.open(file, "x")).toThrow(ConfigError);
  expect(() => SyncLedger.open(file, "x")).toThrow(/remove it to start over/);
});
